package dev.mcpgateway.proxy.auth;

/** A resolved grant: who is calling, and the one server it is for ({@code ""} = any). */
public record Grant(String id, String name, String server, String policyId) {

    public boolean allows(String requestedServer) {
        return server == null || server.isEmpty() || server.equals(requestedServer);
    }
}
