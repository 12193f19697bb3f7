package dev.mcpgateway.conformance.resources;

import dev.mcpgateway.conformance.media.Media;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.RequestUri;
import io.quarkiverse.mcp.server.Resource;
import io.quarkiverse.mcp.server.ResourceTemplate;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.vertx.core.json.JsonObject;

/** The resources and the resource template the resources-* scenarios read and subscribe to. */
public class FixtureResources {

    public static final String STATIC_TEXT = "test://static-text";
    public static final String STATIC_BINARY = "test://static-binary";
    public static final String WATCHED = "test://watched-resource";

    @Resource(uri = STATIC_TEXT, name = "static-text", mimeType = "text/plain",
            description = "A static text resource")
    TextResourceContents staticText() {
        return new TextResourceContents(STATIC_TEXT, "This is the content of the static text resource.", "text/plain");
    }

    @Resource(uri = STATIC_BINARY, name = "static-binary", mimeType = Media.PNG_MIME_TYPE,
            description = "A static binary resource (a 1x1 red pixel PNG)")
    BlobResourceContents staticBinary() {
        return new BlobResourceContents(STATIC_BINARY, Media.RED_PIXEL_PNG_BASE64, Media.PNG_MIME_TYPE);
    }

    /** The resource the subscribe/unsubscribe scenarios watch; the extension tracks the subscriptions. */
    @Resource(uri = WATCHED, name = "watched-resource", mimeType = "text/plain",
            description = "A resource clients can subscribe to for update notifications")
    TextResourceContents watched() {
        return new TextResourceContents(WATCHED, "Watched resource content", "text/plain");
    }

    @ResourceTemplate(uriTemplate = "test://template/{id}/data", name = "template-data", mimeType = "application/json",
            description = "A resource template whose {id} is substituted into the JSON it returns")
    TextResourceContents templateData(String id, RequestUri uri) {
        String json = new JsonObject().put("id", id).put("templateTest", true).put("data", "Data for ID: " + id).encode();
        return new TextResourceContents(uri.value(), json, "application/json");
    }
}
