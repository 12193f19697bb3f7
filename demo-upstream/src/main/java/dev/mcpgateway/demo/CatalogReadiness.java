package dev.mcpgateway.demo;

import dev.mcpgateway.demo.tools.ToolCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The stand-in has no database or broker: it is ready once its tool catalog is loaded. */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {

    @Inject
    ToolCatalog catalog;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("smartlead-tool-catalog")
                .status(catalog.size() > 0)
                .withData("tools", catalog.size())
                .build();
    }
}
