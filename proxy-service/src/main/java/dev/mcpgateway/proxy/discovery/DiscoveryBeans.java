package dev.mcpgateway.proxy.discovery;

import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import dev.mcpgateway.proxy.upstream.Upstreams;
import dev.mcpgateway.proxy.validation.ToolSchemas;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link ToolDiscovery} from {@link ProxyConfig}. */
@Singleton
public class DiscoveryBeans {

    // Singleton, not a lazy client proxy: ToolSchemas' hook for unknown servers must exist before the first call.
    @Produces
    @Singleton
    ToolDiscovery toolDiscovery(ProxyConfig config, Upstreams upstreams, ToolSchemas schemas) {
        ProxyConfig.Catalog c = config.catalog();
        if (!c.discovery()) {
            return disabled(schemas);
        }
        return new ToolDiscovery(endpoint -> real(config, upstreams, endpoint),
                new ToolListFetcher(config.protocolVersions().get(0)), new CatalogReports(c.url(), c.timeout(), c.token()),
                schemas, c.discoveryInterval());
    }

    void close(@Disposes ToolDiscovery discovery) {
        discovery.close();
    }

    /** Discovery off: every trigger is ignored (no endpoint has upstreams to read). */
    private static ToolDiscovery disabled(ToolSchemas schemas) {
        return new ToolDiscovery(endpoint -> List.of(), new ToolListFetcher("unused"), null, schemas,
                java.time.Duration.ofSeconds(1));
    }

    /** The real upstreams behind an endpoint: a virtual server's members, or the upstream itself. */
    static List<UpstreamTransport> real(ProxyConfig config, Upstreams upstreams, String endpoint) {
        ProxyConfig.VirtualServer vs = config.virtualServers().get(endpoint);
        if (vs == null) {
            return config.upstreams().containsKey(endpoint) ? upstreams.find(endpoint).map(List::of).orElse(List.of()) : List.of();
        }
        List<UpstreamTransport> out = new ArrayList<>();
        vs.upstreams().forEach(m -> upstreams.find(m.strip()).ifPresent(out::add));
        return out;
    }
}
