package dev.mcpgateway.proxy.upstream;

import dev.mcpgateway.proxy.ProxyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured upstreams (and virtual servers) by name, built once at startup; one shared non-blocking
 * HTTP client for all HTTP upstreams. A misconfigured upstream stops the start with a message naming the
 * property, rather than failing the first agent that calls it.
 */
@ApplicationScoped
public class Upstreams {

    /** Connections per upstream host: server-to-client GET streams hold one each for their whole life. */
    private static final int MAX_CONNECTIONS_PER_HOST = 1000;

    private final EventLoopHttpClients clients;
    private final Map<String, UpstreamTransport> byName;

    public Upstreams(Vertx vertx, ProxyConfig config) {
        // The pool bound is per event loop (a client per loop, see EventLoopHttpClients).
        this.clients = new EventLoopHttpClients(vertx, new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_HOST));
        Map<String, UpstreamTransport> m = new LinkedHashMap<>();
        config.upstreams().forEach((name, up) -> m.put(name, create(name, up, config, vertx)));
        config.virtualServers().forEach((name, vs) -> {
            if (m.containsKey(name)) {
                throw new IllegalArgumentException("proxy.virtual-servers." + name + " has the name of an upstream");
            }
            List<UpstreamTransport> members = new ArrayList<>();
            for (String member : vs.upstreams()) {
                UpstreamTransport t = m.get(member.strip());
                if (t == null) {
                    throw new IllegalArgumentException("proxy.virtual-servers." + name + ".upstreams names '" + member
                            + "', which is not one of proxy.upstreams " + config.upstreams().keySet());
                }
                members.add(t);
            }
            m.put(name, new dev.mcpgateway.proxy.virtual.VirtualServer(name, members, config.virtualServerSeparator()));
        });
        this.byName = Collections.unmodifiableMap(m);
    }

    private UpstreamTransport create(String name, ProxyConfig.Upstream up, ProxyConfig config, Vertx vertx) {
        long timeout = up.timeout().orElse(config.upstreamTimeout()).toMillis();
        String prefix = "proxy.upstreams." + name + ".";
        return switch (up.transport()) {
            case "streamable-http" -> new StreamableHttpUpstream(name, required(up.url(), prefix + "url"), up.headers(), clients,
                    timeout, config.upstreamConnectTimeout().toMillis(), config.upstreamMaxResponseBytes());
            case "sse" -> new LegacySseUpstream(name, required(up.url(), prefix + "url"), up.headers(), clients.shared(), vertx,
                    timeout, config.upstreamConnectTimeout().toMillis(), config.upstreamMaxResponseBytes());
            case "stdio" -> {
                List<String> command = new ArrayList<>();
                command.add(required(up.command(), prefix + "command"));
                command.addAll(up.args().orElse(List.of()));
                yield new StdioUpstream(new StdioProcess.Spec(name, command, up.env(), up.workingDir().orElse(null)),
                        up.processPerSession(), vertx, timeout, config.upstreamMaxResponseBytes(),
                        new StdioUpstream.Backoff(config.stdio().restartBackoffMin(), config.stdio().restartBackoffMax(),
                                config.stdio().healthyAfter()));
            }
            default -> throw new IllegalArgumentException(prefix + "transport='" + up.transport()
                    + "' is not supported; use streamable-http, sse or stdio");
        };
    }

    private static String required(Optional<String> value, String property) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(property + " is required for this transport"));
    }

    public Optional<UpstreamTransport> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    void close(@Observes ShutdownEvent ev) {
        byName.values().forEach(t -> {
            if (t instanceof StdioUpstream s) {
                s.close();
            }
        });
        clients.close();
    }
}
