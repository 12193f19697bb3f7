package dev.mcpgateway.demo.transport.stdio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/smartlead-stdio against the packaged app (failsafe runs after package), exactly as a gateway launches it. */
class StdioLauncherIT {

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void launcherServesMcp() throws Exception {
        Path launcher = Path.of("bin", "smartlead-stdio").toAbsolutePath();
        assertTrue(Files.isExecutable(launcher), launcher + " must be executable");
        Path stderr = Files.createTempFile("launcher-stderr", ".log");
        process = StdioTransportTest.start(List.of(launcher.toString()), stderr);
        StdioTransportTest.converse(process);
        StdioTransportTest.assertCleanStderr(stderr);
    }
}
