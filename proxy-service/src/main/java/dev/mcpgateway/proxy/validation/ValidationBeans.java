package dev.mcpgateway.proxy.validation;

import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.jsonrpc.Json;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/** Builds the argument-validation parts from {@link ProxyConfig}; a bad mode stops the start, naming the property. */
@Singleton
public class ValidationBeans {

    @Produces
    @ApplicationScoped
    ToolSchemas toolSchemas(ProxyConfig config) {
        ProxyConfig.Catalog c = config.catalog();
        return new ToolSchemas(new CatalogSchemas(c.url(), c.timeout(), c.schemaCacheTtl(), c.token()));
    }

    /**
     * Built at start, with one check run: the schema library's first use takes seconds (class loading, its dialect
     * registry), and lazily that happened inside the first tools/call, on an event loop every other call then waited on.
     */
    @Produces
    @ApplicationScoped
    @Startup
    ArgumentValidationStage argumentValidationStage(ProxyConfig config, ToolSchemas schemas) {
        Map<String, ValidationMode> modes = new HashMap<>();
        config.upstreams().forEach((name, up) -> modes.put(name,
                ValidationMode.parse(up.argumentValidation(), "proxy.upstreams." + name + ".argument-validation")));
        // Only real upstreams reach the stage (a virtual server's calls are routed to a member first).
        ArgumentChecker checker = new ArgumentChecker();
        checker.check(Json.MAPPER.createObjectNode().put("type", "object"), Json.MAPPER.createObjectNode());
        return new ArgumentValidationStage(schemas, checker,
                server -> modes.getOrDefault(server, ValidationMode.ENFORCE));
    }
}
