package dev.mcpgateway.audit.ingest;

import io.vertx.pgclient.PgException;

/** Tells a record the database will never accept apart from an outage that a retry will get past. */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * SQLSTATE class 22 (data exception, e.g. a NUL character in text) or 23 (integrity constraint): retrying
     * the same row cannot succeed. Everything else (connection refused, timeouts, 08xxx, 57xxx) can.
     */
    static boolean isDataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
