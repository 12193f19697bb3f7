package dev.mcpgateway.demo.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed reads of arguments that already passed schema validation, so absent means optional. */
public final class ToolArguments {

    private final ObjectNode raw;

    public ToolArguments(ObjectNode raw) {
        this.raw = raw;
    }

    public ObjectNode raw() {
        return raw;
    }

    public boolean has(String name) {
        JsonNode value = raw.get(name);
        return value != null && !value.isNull();
    }

    public long id(String name) {
        return raw.path(name).asLong();
    }

    public Optional<Long> optionalId(String name) {
        return has(name) ? Optional.of(raw.get(name).asLong()) : Optional.empty();
    }

    public String text(String name) {
        return raw.path(name).asText();
    }

    public Optional<String> optionalText(String name) {
        return has(name) ? Optional.of(raw.get(name).asText()) : Optional.empty();
    }

    public int intOr(String name, int fallback) {
        return has(name) ? raw.get(name).asInt() : fallback;
    }

    public boolean boolOr(String name, boolean fallback) {
        return has(name) ? raw.get(name).asBoolean() : fallback;
    }

    public JsonNode node(String name) {
        return raw.path(name);
    }

    public List<Long> ids(String name) {
        List<Long> ids = new ArrayList<>();
        raw.path(name).forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    public List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        raw.path(name).forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
