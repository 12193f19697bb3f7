package dev.mcpgateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs the official conformance suite ({@code conformance server --suite all}, via bin/run-conformance and npx) against
 * this fixture server, directly. Every check must pass; the number passed is written to
 * {@code target/conformance-direct.txt} so the gateway's run can be compared with it. Needs npx on PATH and the npm
 * registry reachable on first use (npx fetches Node 22 and the suite).
 */
@QuarkusTest
class ConformanceDirectIT {

    static final Pattern TOTAL = Pattern.compile("(?m)^Total: (\\d+) passed, (\\d+) failed");
    static final Path SCRIPT = Path.of("bin", "run-conformance");
    static final Path LOG = Path.of("target", "conformance-direct.log");
    static final Path PASSED = Path.of("target", "conformance-direct.txt");
    static final long TIMEOUT_MINUTES = 10;

    @TestHTTPResource("/mcp")
    URL mcp;

    @Test
    void wholeSuitePassesDirectly() throws Exception {
        // 127.0.0.1, not localhost: the server binds IPv4 loopback, and the suite's DNS-rebinding check wants a loopback URL.
        String url = "http://127.0.0.1:" + mcp.getPort() + "/mcp";
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), url, "--suite", "all")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD); // the script tees everything to LOG
        pb.environment().put("CONFORMANCE_LOG", LOG.toAbsolutePath().toString());
        Process suite = pb.start();
        if (!suite.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
            throw new AssertionError("conformance suite did not finish in " + TIMEOUT_MINUTES + " min; see " + LOG);
        }
        String output = Files.readString(LOG, StandardCharsets.UTF_8);
        Matcher total = TOTAL.matcher(output);
        assertTrue(total.find(), () -> "no 'Total: N passed, M failed' line (exit " + suite.exitValue() + "):\n" + tail(output));
        int passed = Integer.parseInt(total.group(1));
        int failed = Integer.parseInt(total.group(2));
        write(passed);
        assertEquals(0, failed, () -> "conformance checks failed:\n" + failures(output));
        assertTrue(passed > 0, "the suite passed no check");
        assertEquals(0, suite.exitValue(), () -> "suite exit code, output:\n" + tail(output));
    }

    private static void write(int passed) throws IOException {
        Files.createDirectories(PASSED.getParent());
        Files.writeString(PASSED, passed + "\n", StandardCharsets.UTF_8);
    }

    private static String failures(String output) {
        return output.lines().filter(l -> l.startsWith("✗") || l.contains("FAILURE") || l.contains("✗"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
