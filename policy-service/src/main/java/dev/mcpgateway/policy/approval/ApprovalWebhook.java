package dev.mcpgateway.policy.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.policy.PolicyConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * POSTs each new approval request to {@code policy.approvals.webhook.url} (a chat or paging bridge),
 * signed with {@link WebhookSignature}. Fire-and-forget with bounded retries: Decide never waits for
 * it, and a dead receiver costs at most {@code max-attempts} tries per request. The body carries the
 * argument keys, never their values: those are for approvers, who read them over the API.
 */
public class ApprovalWebhook {
    private static final Logger LOG = Logger.getLogger(ApprovalWebhook.class);
    public static final String EVENT = "approval.requested";

    private final URI url;
    private final String secret;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ApprovalWebhook(PolicyConfig.Approvals.Webhook config) {
        this.url = config.url().orElse(null);
        this.secret = config.secret().filter(s -> !s.isBlank()).orElse(null);
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.backoff = config.backoff();
        this.timeout = config.timeout();
        this.http = url == null ? null : HttpClient.newBuilder().connectTimeout(timeout).build();
        if (url != null && secret == null) {
            LOG.warn("policy.approvals.webhook.url is set without a secret: deliveries are unsigned");
        }
    }

    public boolean enabled() {
        return url != null;
    }

    /** Starts delivery and returns at once; the future completes with whether the receiver took it (for tests). */
    public CompletableFuture<Boolean> requested(ApprovalRequest r) {
        if (url == null) {
            return CompletableFuture.completedFuture(false);
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload(r));
        } catch (Exception e) {
            LOG.warnf("approval webhook for %s not sent: %s", r.id(), e.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-MCP-Gateway-Event", EVENT)
                .header("X-MCP-Gateway-Delivery", r.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            req.header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body));
        }
        return attempt(req.build(), r.id(), 1, backoff);
    }

    private CompletableFuture<Boolean> attempt(HttpRequest req, String id, int n, Duration wait) {
        return http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .handle((resp, err) -> {
                    if (err == null && resp.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(true);
                    }
                    String why = err != null ? err.toString() : "status " + resp.statusCode();
                    if (n >= maxAttempts) {
                        LOG.warnf("approval webhook for %s failed after %d attempts: %s", id, n, why);
                        return CompletableFuture.completedFuture(false);
                    }
                    LOG.debugf("approval webhook for %s attempt %d failed (%s); retrying in %s", id, n, why, wait);
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                            .thenCompose(v -> attempt(req, id, n + 1, wait.multipliedBy(2)));
                })
                .thenCompose(f -> f);
    }

    ObjectNode payload(ApprovalRequest r) {
        ObjectNode o = json.createObjectNode();
        o.put("event", EVENT);
        o.put("id", r.id());
        o.put("grant", r.grantId());
        o.put("grant_name", r.grantName());
        o.put("session", r.sessionId());
        o.put("server", r.server());
        o.put("tool", r.tool());
        o.put("risk", r.risk());
        o.put("category", r.category());
        o.put("rule", r.rule());
        o.put("reason", r.policyReason());
        o.put("policy", r.policyId());
        o.put("policy_version", r.policyVersion());
        var keys = o.putArray("argument_keys");
        try {
            Iterator<String> names = json.readTree(r.arguments()).fieldNames();
            names.forEachRemaining(keys::add);
        } catch (Exception e) {
            // Stored arguments are always a JSON object; nothing to list otherwise.
        }
        o.put("created_at", r.createdAt().toString());
        o.put("expires_at", r.expiresAt().toString());
        o.put("approve", "/api/approvals/" + r.id() + "/approve");
        o.put("reject", "/api/approvals/" + r.id() + "/reject");
        return o;
    }
}
