package dev.mcpgateway.demo.transport.stdio;

import dev.mcpgateway.demo.SmartLeadStandIn;
import dev.mcpgateway.demo.mcp.McpServer;
import dev.mcpgateway.demo.mcp.ToolCallListener;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Entry point of the stdio stand-in (bin/smartlead-stdio). A plain main, no Quarkus: it starts in well
 * under a second and opens no port, so a gateway may run many at once.
 *
 * <p>Environment: {@code SMARTLEAD_API_KEY} is accepted and ignored (the original requires one; the
 * stand-in only warns when it is missing); {@code DEMO_SEED_ACCOUNT} (default {@code true}) starts the
 * fake account with sample records.
 */
public final class StdioMain {

    private StdioMain() {
    }

    /**
     * The JBoss SLF4J binding on Quarkus' classpath only works under the JBoss log manager, which Quarkus
     * normally installs; without it SLF4J and JUL complain on stderr. Installed here before anything
     * logs, and after stdout is redirected, so every log line goes to stderr.
     */
    private static void useJBossLogManager() {
        if (System.getProperty("java.util.logging.manager") != null) {
            return;
        }
        try {
            Class.forName("org.jboss.logmanager.LogManager", false, StdioMain.class.getClassLoader());
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        } catch (ClassNotFoundException e) {
            System.err.println("org.jboss.logmanager is not on the classpath (add lib/boot/*); logging falls back to JUL");
        }
    }

    public static void main(String[] args) throws IOException {
        // Keep the protocol stream for ourselves; anything a library prints goes to stderr instead.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        useJBossLogManager();
        protocol.println(StdioServer.BANNER);
        protocol.flush();

        String apiKey = System.getenv("SMARTLEAD_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("SMARTLEAD_API_KEY is not set; the demo stand-in does not need it");
        }
        boolean seed = !"false".equalsIgnoreCase(System.getenv().getOrDefault("DEMO_SEED_ACCOUNT", "true"));
        McpServer server = SmartLeadStandIn.create(Clock.systemUTC(), seed, ToolCallListener.NONE);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.err.println("smartlead stand-in ready on stdio");
        new StdioServer(server, stdin, protocol).run();
    }
}
