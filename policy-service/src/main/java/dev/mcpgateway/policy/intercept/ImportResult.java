package dev.mcpgateway.policy.intercept;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A converted document, already validated by our parser, and the report of what did not carry over.
 */
public record ImportResult(ObjectNode document, List<ImportNote> notes) {

    public List<ImportNote> of(ImportNote.Kind kind) {
        return notes.stream().filter(n -> n.kind() == kind).toList();
    }
}
