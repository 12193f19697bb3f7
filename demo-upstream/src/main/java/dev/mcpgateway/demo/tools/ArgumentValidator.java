package dev.mcpgateway.demo.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.PatternFormat;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks tool arguments against the tool's JSON Schema (draft 7, as the catalog declares).
 * Schemas compile lazily: the stdio launcher must answer initialize fast, and most sessions
 * touch a handful of the 116 tools.
 */
public final class ArgumentValidator {

    /**
     * Zod's email check (the original validates with Zod), which accepts any alphabetic TLD; the
     * library's own RFC 5321 check also demands a real TLD and would refuse "ann@corp.example".
     */
    static final String ZOD_EMAIL = "(?i)^(?!\\.)(?!.*\\.\\.)([A-Z0-9_'+\\-\\.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\\-]*\\.)+[A-Z]{2,}$";

    private static final Dialect DRAFT_7 = Dialect.builder(Dialects.getDraft7())
            .format(PatternFormat.of("email", ZOD_EMAIL, "format.email"))
            .build();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    // Zod checks "format": "email"; draft 7 leaves formats to the implementation.
                    .formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH)
                    .build()));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    public List<ArgumentProblem> validate(ToolDefinition tool, JsonNode arguments) {
        Schema schema = compiled.computeIfAbsent(tool.name(), name -> registry.getSchema(tool.inputSchema()));
        List<ArgumentProblem> problems = new ArrayList<>();
        for (Error error : schema.validate(arguments)) {
            problems.add(new ArgumentProblem(error.getKeyword(), segments(error), error.getMessage()));
        }
        return problems;
    }

    /** The offending property as path segments; for "required"/"additionalProperties" the property itself. */
    private static List<Object> segments(Error error) {
        List<Object> path = new ArrayList<>();
        NodePath location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            path.add(location.getElement(i));
        }
        if (error.getProperty() != null && !path.contains(error.getProperty())) {
            path.add(error.getProperty());
        }
        return path;
    }
}
