package dev.mcpgateway.policy.api;

/** Recognizes PostgreSQL's unique violation (SQLSTATE 23505) anywhere in a failure's cause chain. */
final class StoreErrors {
    private StoreErrors() {
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (c.getMessage() != null && c.getMessage().contains("23505")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
