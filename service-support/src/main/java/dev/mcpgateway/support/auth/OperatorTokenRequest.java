package dev.mcpgateway.support.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An {@code mgw_op_} bearer token to check against the token file. */
public class OperatorTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    public OperatorTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
