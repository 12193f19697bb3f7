package dev.mcpgateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** A broker or a service given two ports needs two different ones (the kernel may reuse a released port). */
    @Test
    void portsAskedForTogetherAreDistinctAndFree() throws Exception {
        for (int round = 0; round < 20; round++) {
            int[] ports = PackagedService.freePorts(8);
            assertEquals(8, Arrays.stream(ports).distinct().count(), "distinct: " + Arrays.toString(ports));
            for (int port : ports) {
                assertTrue(port > 0);
                try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    assertEquals(port, s.getLocalPort(), "released again, so the caller can bind it");
                }
            }
        }
    }
}
