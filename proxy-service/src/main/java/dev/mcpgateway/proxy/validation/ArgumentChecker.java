package dev.mcpgateway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks tool arguments against an input schema (networknt json-schema-validator). Compiled schemas are cached per
 * schema node, so a tool whose definition changes (a new node) is compiled again and the old one ages out.
 * Schemas come from upstream servers and are untrusted: remote {@code $ref}s are never fetched, and a schema that
 * is not itself a valid JSON Schema is reported as unusable rather than used.
 */
public final class ArgumentChecker {

    /** Most schemas kept compiled (a few hundred tools per gateway is typical). */
    private static final long MAX_COMPILED = 10_000;

    /** The outcome of one check. */
    public sealed interface Result {
    }

    public record Valid() implements Result {
    }

    public record Invalid(List<SchemaError> errors) implements Result {
    }

    /** The schema itself cannot be used (not a valid JSON Schema, unknown dialect, unresolvable {@code $ref}). */
    public record Unusable(String reason) implements Result {
    }

    private sealed interface Compiled {
    }

    private record Usable(Schema schema) implements Compiled {
    }

    private record Broken(String reason) implements Compiled {
    }

    private static final Result VALID = new Valid();

    // MCP 2025-11-25 (SEP-1613): a tool schema without "$schema" is JSON Schema 2020-12; a declared "$schema"
    // (draft-07 for the SmartLead tools and most zod-generated schemas) wins.
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build())
                    .schemaLoader(l -> l.fetchRemoteResources(false)));
    // Keyed by the schema node itself (weak keys compare by identity): a tool list that is replaced drops its
    // compiled schemas with it, and a lookup costs no serialization.
    private final Cache<JsonNode, Compiled> compiled = Caffeine.newBuilder().weakKeys().maximumSize(MAX_COMPILED).build();
    /** The strict variants ({@link StrictSchema}), keyed by the original schema node like {@link #compiled}. */
    private final Cache<JsonNode, Compiled> compiledStrict = Caffeine.newBuilder().weakKeys().maximumSize(MAX_COMPILED).build();

    public Result check(JsonNode inputSchema, JsonNode arguments) {
        return check(compiled.get(inputSchema, this::compile), arguments);
    }

    /**
     * Checks against the schema's strict variant (a policy's {@code strict_arguments}): properties the schema does
     * not declare are errors (keyword {@code additionalProperties}) even where the schema allows more.
     */
    public Result checkStrict(JsonNode inputSchema, JsonNode arguments) {
        return check(compiledStrict.get(inputSchema, s -> s.isObject() ? compile(StrictSchema.of(s)) : compile(s)), arguments);
    }

    private Result check(Compiled c, JsonNode arguments) {
        if (c instanceof Broken b) {
            return new Unusable(b.reason());
        }
        List<com.networknt.schema.Error> found;
        try {
            found = ((Usable) c).schema().validate(arguments);
        } catch (RuntimeException e) {
            // A $ref that cannot be resolved or a bad regex surfaces only while validating.
            return new Unusable(e.getMessage());
        }
        if (found.isEmpty()) {
            return VALID;
        }
        List<SchemaError> errors = new ArrayList<>(found.size());
        for (com.networknt.schema.Error e : found) {
            errors.add(new SchemaError(pointer(e), e.getKeyword(), e.getMessage()));
        }
        return new Invalid(List.copyOf(errors));
    }

    private Compiled compile(JsonNode schemaNode) {
        if (!schemaNode.isObject()) {
            return new Broken("the input schema is not a JSON object");
        }
        try {
            String dialect = schemaNode.path("$schema").isTextual() ? schemaNode.get("$schema").textValue()
                    : SpecificationVersion.DRAFT_2020_12.getDialectId();
            // The schema is checked against its own meta-schema first: a broken schema would refuse or pass
            // everything for reasons nobody could act on.
            List<com.networknt.schema.Error> metaErrors = registry.getSchema(SchemaLocation.of(dialect)).validate(schemaNode);
            if (!metaErrors.isEmpty()) {
                com.networknt.schema.Error first = metaErrors.get(0);
                return new Broken("not a valid JSON Schema: " + pointer(first) + " " + first.getMessage());
            }
            return new Usable(registry.getSchema(schemaNode));
        } catch (RuntimeException e) {
            return new Broken(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The instance location as a JSON pointer; for "required" and "additionalProperties" the property itself. */
    static String pointer(com.networknt.schema.Error e) {
        StringBuilder sb = new StringBuilder();
        NodePath location = e.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            sb.append('/').append(escape(String.valueOf(location.getElement(i))));
        }
        String property = e.getProperty();
        if (property != null && ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword())
                || "dependencies".equals(e.getKeyword()) || "dependentRequired".equals(e.getKeyword()))) {
            sb.append('/').append(escape(property));
        }
        return sb.toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
