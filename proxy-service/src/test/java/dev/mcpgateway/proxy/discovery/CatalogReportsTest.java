package dev.mcpgateway.proxy.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.proxy.jsonrpc.Json;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A report that cannot be delivered says where it went and why: never "null" (a bare ConnectException). */
class CatalogReportsTest {

    @Test
    void anUnreachableCatalogIsNamedWithTheCause() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CatalogReports reports = new CatalogReports("http://127.0.0.1:" + port, Duration.ofSeconds(2));
        Throwable t = assertThrows(Throwable.class,
                () -> reports.report("smartlead", Json.NODES.arrayNode()).await().atMost(Duration.ofSeconds(10)));
        String message = t.getMessage();
        assertTrue(message.startsWith("catalog-service at http://127.0.0.1:" + port + " could not be reached: "), message);
        assertTrue(message.contains("ConnectException"), message);
    }

    @Test
    void describeNamesTheTypeWhenThereIsNoMessageAndFollowsCauses() {
        assertEquals("ConnectException", CatalogReports.describe(new ConnectException()));
        assertEquals("IllegalStateException: outer; caused by ConnectException: refused",
                CatalogReports.describe(new CompletionException(new IllegalStateException("outer", new ConnectException("refused")))));
    }
}
