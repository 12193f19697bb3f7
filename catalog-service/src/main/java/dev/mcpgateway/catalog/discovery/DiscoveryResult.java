package dev.mcpgateway.catalog.discovery;

import java.util.List;

/** What one discovery report did to the catalog. Lists hold tool names. */
public record DiscoveryResult(
        String server,
        int received,
        List<String> added,
        List<String> changed,
        List<String> reactivated,
        List<String> removed,
        int unchanged,
        List<String> flagged,
        List<ReportParser.Rejected> rejected) {
}
