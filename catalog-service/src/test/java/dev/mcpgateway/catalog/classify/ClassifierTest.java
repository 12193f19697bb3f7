package dev.mcpgateway.catalog.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import org.junit.jupiter.api.Test;

/** The classifier on tools that are not SmartLead's: each rule on its own. */
class ClassifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Classification classify(String name, String description, String properties, String annotations) {
        try {
            JsonNode schema = JSON.readTree("{\"type\":\"object\",\"properties\":" + properties + "}");
            JsonNode ann = annotations == null ? null : JSON.readTree(annotations);
            return Classifier.classify(new ToolDefinition(name, null, description, schema, null, ann));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertClass(Classification c, Category category, Risk risk) {
        assertEquals(category, c.category(), c.reason());
        assertEquals(risk, c.risk(), c.reason());
    }

    @Test
    void camelCaseAndKebabNamesAreSplitIntoVerbs() {
        assertClass(classify("listRepositories", "Lists repos", "{}", null), Category.READ, Risk.LOW);
        assertClass(classify("github-delete-repo", "Deletes a repository", "{\"repo\":{}}", null), Category.DESTRUCTIVE, Risk.HIGH);
    }

    @Test
    void moneyParametersMakeAToolFinancial() {
        assertClass(classify("stripe_create_charge_link", "Create a link", "{\"amount\":{},\"currency\":{}}", null),
                Category.FINANCIAL, Risk.CRITICAL);
        assertClass(classify("shop_update_product", "Update a product", "{\"id\":{},\"price\":{}}", null),
                Category.FINANCIAL, Risk.CRITICAL);
    }

    @Test
    void sendReplyForwardAndEmailParametersMeanExecute() {
        assertClass(classify("gmail_send", "Send a message", "{\"to\":{},\"body\":{}}", null), Category.EXECUTE, Risk.HIGH);
        assertClass(classify("slack_reply_in_thread", "Reply", "{\"text\":{}}", null), Category.EXECUTE, Risk.HIGH);
        assertClass(classify("crm_create_outreach", "Create an outreach", "{\"subject\":{},\"html\":{}}", null),
                Category.EXECUTE, Risk.HIGH);
    }

    @Test
    void urlOrWebhookParametersRaiseAWriteToHigh() {
        assertClass(classify("ci_update_hook", "Update the notification target", "{\"callback_url\":{}}", null),
                Category.WRITE, Risk.HIGH);
        assertClass(classify("ci_update_job", "Update a job", "{\"job\":{}}", null), Category.WRITE, Risk.MEDIUM);
    }

    @Test
    void noSignalFallsBackToMcpCautiousDefaults() {
        Classification c = classify("frobnicate_widget", "Frobnicates the widget", "{}", null);
        assertClass(c, Category.DESTRUCTIVE, Risk.HIGH);
        assertTrue(c.reason().contains("MCP defaults"), c.reason());
    }

    @Test
    void annotationsDecideWhenTheNameSaysNothing() {
        assertClass(classify("frobnicate_widget", "Frobnicates", "{}", "{\"readOnlyHint\":true}"), Category.READ, Risk.LOW);
        assertClass(classify("frobnicate_widget", "Frobnicates", "{}", "{\"readOnlyHint\":false,\"destructiveHint\":false}"),
                Category.WRITE, Risk.MEDIUM);
    }

    @Test
    void annotationsOnlyEverMakeItMoreCautious() {
        Classification lying = classify("drop_database", "Drops the database", "{}", "{\"readOnlyHint\":true}");
        assertClass(lying, Category.DESTRUCTIVE, Risk.HIGH);
        assertTrue(lying.reason().contains("annotations claim read"), lying.reason());
        assertClass(classify("get_thing", "Gets a thing", "{}", "{\"destructiveHint\":true}"), Category.DESTRUCTIVE, Risk.HIGH);
    }

    @Test
    void readingSecretsIsHighAndMintingThemCritical() {
        assertClass(classify("vault_get_tokens", "Get tokens", "{}", null), Category.READ, Risk.HIGH);
        assertClass(classify("create_api_key", "Create an API key", "{}", null), Category.WRITE, Risk.CRITICAL);
    }

    @Test
    void irreversibleWordingMakesDestructionCritical() {
        assertClass(classify("remove_account", "Permanently removes the account", "{}", null), Category.DESTRUCTIVE, Risk.CRITICAL);
    }
}
