package dev.mcpgateway.demo.handlers;

import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolCatalog;
import dev.mcpgateway.demo.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/** Builds the handler table for every catalog tool, one module at a time, and checks nothing is missing. */
public final class SmartLeadHandlers {

    private SmartLeadHandlers() {
    }

    public static HandlerTable forAccount(ToolCatalog catalog, FakeAccount account) {
        CampaignFigures figures = new CampaignFigures(account);
        HandlerTable table = new HandlerTable();
        List<ToolModule> modules = List.of(new CampaignTools(account, figures), new LeadTools(account),
                new EmailAccountTools(account), new StatisticsTools(account, figures), new SmartDeliveryTools(account),
                new AnalyticsTools(account, figures), new WebhookTools(account), new ClientTools(account),
                new SmartSenderTools(account));
        modules.forEach(module -> module.register(table));

        List<String> unknown = new ArrayList<>();
        for (String name : table.names()) {
            if (catalog.find(name).isEmpty()) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Handlers for tools not in the catalog: " + unknown);
        }
        // Remaining read-only tools get the generic report; ReadOnlyReport refuses any tool that writes.
        for (ToolDefinition tool : catalog.tools()) {
            if (!table.contains(tool.name())) {
                table.on(tool.name(), new ReadOnlyReport(tool, account));
            }
        }
        return table;
    }
}
