package dev.mcpgateway.audit.ingest;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;

/** Tells a record the database will never accept apart from an outage that a retry will get past. */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * SQLSTATE class 22 (data exception, e.g. a NUL character in text) or 23 (integrity constraint): retrying
     * the same row cannot succeed. Everything else (connection refused, timeouts, 08xxx, 57xxx) can.
     * Hibernate Reactive reports the driver's error as a JDBCException around a {@link SQLException} carrying the
     * SQLSTATE (without the driver's exception as a cause), so both are read.
     */
    static boolean isDataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof PgException pg ? pg.getSqlState() : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                return state.startsWith("22") || state.startsWith("23");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The database's own words ("ERROR: … (SQLSTATE)") for a log line or a dead-letter reason: Hibernate's
     * message around them repeats the whole statement, about 1 KB of SQL, on every failure.
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException || t instanceof SQLException) {
                return t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure.toString();
    }
}
