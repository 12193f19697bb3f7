package dev.mcpgateway.audit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void aDataOrIntegrityErrorFromTheDriverIsData() {
        assertTrue(DatabaseErrors.isDataError(new PgException("invalid byte sequence", "ERROR", "22021", "detail")));
        assertTrue(DatabaseErrors.isDataError(new RuntimeException(new PgException("not null", "ERROR", "23502", "d"))));
    }

    /** Hibernate Reactive turns the driver's error into a JDBCException around a plain SQLException (no driver cause). */
    @Test
    void aDataOrIntegrityErrorAsHibernateReactiveReportsItIsData() {
        assertTrue(DatabaseErrors.isDataError(new DataException("could not execute statement",
                new SQLException("unsupported Unicode escape sequence", "22P05", 0))));
        assertTrue(DatabaseErrors.isDataError(new java.util.concurrent.CompletionException(new ConstraintViolationException(
                "could not execute statement", new SQLException("null value in column", "23502", 0), "audit_event_pkey"))));
    }

    @Test
    void anOutageIsNotData() {
        assertFalse(DatabaseErrors.isDataError(new ConnectException("Connection refused")));
        assertFalse(DatabaseErrors.isDataError(new PgException("terminating connection", "FATAL", "57P01", "d")));
        assertFalse(DatabaseErrors.isDataError(new JDBCConnectionException("could not connect",
                new SQLException("the database system is starting up", "57P03", 0))));
        assertFalse(DatabaseErrors.isDataError(new IllegalStateException("pool closed")));
    }

    @Test
    void describesAFailureInTheDatabasesOwnWordsWithoutTheStatement() {
        assertEquals("unsupported Unicode escape sequence", DatabaseErrors.describe(new DataException(
                "error executing SQL statement [unsupported Unicode escape sequence] [INSERT INTO audit_event ...]",
                new SQLException("unsupported Unicode escape sequence", "22P05", 0))));
        assertEquals("java.net.ConnectException: Connection refused",
                DatabaseErrors.describe(new ConnectException("Connection refused")));
    }
}
