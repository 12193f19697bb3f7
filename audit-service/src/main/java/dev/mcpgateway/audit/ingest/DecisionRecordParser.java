package dev.mcpgateway.audit.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one record value as a DecisionEventV1, checked against the contract's JSON schema (the same file
 * the proxy's output is tested against), so anything stored is exactly what the contract allows.
 */
public class DecisionRecordParser {

    private static final int MAX_REASON_ERRORS = 5;

    private final ObjectMapper json;
    private final Schema schema;

    public DecisionRecordParser(ObjectMapper json) {
        this.json = json;
        this.schema = loadSchema(json);
    }

    public DecisionEventV1 parse(byte[] value) throws MalformedRecordException {
        if (value == null || value.length == 0) {
            throw new MalformedRecordException("empty record value");
        }
        JsonNode tree;
        try {
            tree = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        List<Error> errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            throw new MalformedRecordException("does not match the DecisionEventV1 schema: " + errors.stream()
                    .limit(MAX_REASON_ERRORS).map(Error::toString).collect(Collectors.joining("; ")));
        }
        try {
            return json.treeToValue(tree, DecisionEventV1.class);
        } catch (JsonProcessingException e) {
            // The schema does not check formats (date-time is an annotation in 2020-12); Jackson does.
            throw new MalformedRecordException("not a DecisionEventV1: " + e.getOriginalMessage());
        }
    }

    private static Schema loadSchema(ObjectMapper json) {
        try (InputStream in = DecisionEventV1.class.getClassLoader()
                .getResourceAsStream(DecisionEventV1.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DecisionEventV1.SCHEMA_RESOURCE + " is not on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
