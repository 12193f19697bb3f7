package dev.mcpgateway.proxy.upstream;

import dev.mcpgateway.proxy.ProxyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured upstreams by name, built once at startup; one shared non-blocking HTTP client for all. */
@ApplicationScoped
public class Upstreams {

    /** Connections per upstream host: server-to-client GET streams hold one each for their whole life. */
    private static final int MAX_CONNECTIONS_PER_HOST = 1000;

    private final HttpClient client;
    private final Map<String, UpstreamTransport> byName;

    public Upstreams(Vertx vertx, ProxyConfig config) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_HOST));
        Map<String, UpstreamTransport> m = new LinkedHashMap<>();
        config.upstreams().forEach((name, up) -> m.put(name, create(name, up, config)));
        this.byName = Collections.unmodifiableMap(m);
    }

    private UpstreamTransport create(String name, ProxyConfig.Upstream up, ProxyConfig config) {
        if (!"streamable-http".equals(up.transport())) {
            throw new IllegalArgumentException("proxy.upstreams." + name + ".transport='" + up.transport()
                    + "' is not supported; use streamable-http");
        }
        long timeout = up.timeout().orElse(config.upstreamTimeout()).toMillis();
        return new StreamableHttpUpstream(name, up.url(), up.headers(), client, timeout,
                config.upstreamConnectTimeout().toMillis(), config.upstreamMaxResponseBytes());
    }

    public Optional<UpstreamTransport> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    void close(@Observes ShutdownEvent ev) {
        client.close();
    }
}
