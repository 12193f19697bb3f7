package dev.mcpgateway.audit.event;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import java.util.List;

/** One page of events, newest first; {@code nextCursor} is null on the last page. */
public record EventPage(List<DecisionEventV1> items, String nextCursor) {

    /** {@code rows} holds up to {@code limit + 1} rows: the extra one only tells that another page exists. */
    static EventPage of(List<AuditEvent> rows, int limit) {
        boolean more = rows.size() > limit;
        List<AuditEvent> shown = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            AuditEvent last = shown.get(shown.size() - 1);
            next = new Cursor(last.occurredAt, last.decisionId).encode();
        }
        return new EventPage(shown.stream().map(AuditEvent::toEvent).toList(), next);
    }
}
