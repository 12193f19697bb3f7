package dev.mcpgateway.proxy.call;

/**
 * Told once a call is answered, whatever the answer (settle, audit event, metrics). Must return
 * quickly and never throw into the call: its work is fire-and-forget.
 */
@FunctionalInterface
public interface CallListener {
    void completed(CallExchange exchange);
}
