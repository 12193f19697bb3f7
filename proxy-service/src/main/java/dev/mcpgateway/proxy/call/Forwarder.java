package dev.mcpgateway.proxy.call;

import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamReply;
import io.smallrye.mutiny.Uni;
import java.util.function.Consumer;

/** The end of the chain: sends the call to its upstream. */
@FunctionalInterface
public interface Forwarder {
    Uni<UpstreamReply> forward(CallExchange exchange, Consumer<UpstreamMessage> interim);
}
