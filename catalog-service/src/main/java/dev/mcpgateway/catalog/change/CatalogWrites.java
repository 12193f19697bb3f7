package dev.mcpgateway.catalog.change;

import dev.mcpgateway.catalog.tool.ToolListCache;
import dev.mcpgateway.contracts.catalog.ToolChangeEventV1;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What follows every committed catalog write, in this order: the list cache forgets answers older than the write,
 * then the write's events go to Kafka. In that order, a consumer that reads the list after an event (policy-service)
 * never gets this replica's pre-write answer. Call it only once the write's transaction committed.
 */
@ApplicationScoped
public class CatalogWrites {

    private final ToolListCache lists;
    private final ChangePublisher publisher;

    public CatalogWrites(ToolListCache lists, ChangePublisher publisher) {
        this.lists = lists;
        this.publisher = publisher;
    }

    public void committed(List<ToolChangeEventV1> events) {
        lists.invalidate();
        publisher.publish(events);
    }
}
