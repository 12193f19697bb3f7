package dev.mcpgateway.proxy.validation;

import dev.mcpgateway.proxy.ProxyConfig;
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

    @Produces
    @ApplicationScoped
    ArgumentValidationStage argumentValidationStage(ProxyConfig config, ToolSchemas schemas) {
        Map<String, ValidationMode> modes = new HashMap<>();
        config.upstreams().forEach((name, up) -> modes.put(name,
                ValidationMode.parse(up.argumentValidation(), "proxy.upstreams." + name + ".argument-validation")));
        // Only real upstreams reach the stage (a virtual server's calls are routed to a member first).
        return new ArgumentValidationStage(schemas, new ArgumentChecker(),
                server -> modes.getOrDefault(server, ValidationMode.ENFORCE));
    }
}
