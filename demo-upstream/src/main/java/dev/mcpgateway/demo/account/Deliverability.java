package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.ArrayList;
import java.util.List;

/** SmartDelivery: inbox placement (spam) tests and the folders that group them. */
public final class Deliverability {

    private final EntityTable tests = new EntityTable("Placement test", 8001);
    private final EntityTable folders = new EntityTable("Folder", 601);
    private final FakeClock clock;

    Deliverability(FakeClock clock) {
        this.clock = clock;
    }

    /** A manual test runs once; an automated one repeats on its schedule until stopped. */
    public ObjectNode createTest(String type, String name, String subject, String fromEmail, String content,
            JsonNode toEmails, JsonNode schedule) {
        return tests.insert(row -> {
            row.put("test_name", name);
            row.put("test_type", type);
            row.put("status", "ACTIVE");
            row.put("subject", subject);
            row.put("from_email", fromEmail);
            row.put("email_content", content);
            if (toEmails != null) {
                row.set("to_emails", toEmails.deepCopy());
            }
            if (schedule != null) {
                row.set("schedule", schedule.deepCopy());
            }
            row.putNull("folder_id");
            row.put("created_at", clock.now());
        });
    }

    public ObjectNode requireTest(long id) {
        return tests.require(id);
    }

    public List<ObjectNode> tests() {
        return tests.all();
    }

    /** All-or-nothing: one unknown id fails the whole bulk delete, naming every unknown id. */
    public List<Long> deleteTests(List<Long> ids) {
        List<Long> missing = ids.stream().filter(id -> tests.find(id).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new ApiFailure(404, "Placement tests not found: " + missing);
        }
        ids.forEach(tests::remove);
        return new ArrayList<>(ids);
    }

    public ObjectNode stopAutomated(long id) {
        ObjectNode test = requireTest(id);
        if (!"AUTOMATED".equals(test.path("test_type").asText())) {
            throw new ApiFailure(400, "Placement test " + id + " is a manual test; only automated tests can be stopped");
        }
        test.put("status", "STOPPED");
        test.put("stopped_at", clock.now());
        return test;
    }

    public ObjectNode createFolder(String name, String description) {
        return folders.insert(row -> {
            row.put("name", name);
            if (description == null) {
                row.putNull("description");
            } else {
                row.put("description", description);
            }
            row.set("test_ids", Json.array());
            row.put("created_at", clock.now());
        });
    }

    public ObjectNode requireFolder(long id) {
        return folders.require(id);
    }

    public List<ObjectNode> folders() {
        return folders.all();
    }

    public ObjectNode deleteFolder(long id) {
        return folders.remove(id);
    }
}
