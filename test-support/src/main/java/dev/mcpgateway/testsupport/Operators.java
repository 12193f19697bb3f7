package dev.mcpgateway.testsupport;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Operator credentials for the tests, matching test-support/operator-tokens.txt and jwt/test-public.pem in this jar
 * (the %test profile points the service at both). {@link #given()} is RestAssured's, as the admin: every IT that
 * is not about access control calls the API through it, so authentication stays on in every test.
 */
public final class Operators {
    public static final String ADMIN = "mgw_op_test_admin";
    public static final String POLICY_MANAGER = "mgw_op_test_policy_manager";
    public static final String APPROVER = "mgw_op_test_approver";
    public static final String VIEWER = "mgw_op_test_viewer";
    public static final String SERVICE = "mgw_op_test_service";
    public static final String ISSUER = "https://issuer.test.mcp-gateway";

    private Operators() {
    }

    /** A request as the admin. */
    public static RequestSpecification given() {
        return as(ADMIN);
    }

    /** A request with this bearer token. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    /** A request without credentials. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }

    /** A JWT from the test issuer, signed with the test key, carrying these roles in {@code groups}. */
    public static String jwt(String... roles) {
        return Jwt.issuer(ISSUER).subject("jwt-operator").groups(Set.of(roles)).sign("jwt/test-private.pem");
    }

    /** A JWT from the test issuer with the right claims, signed with a key the service does not trust. */
    public static String jwtWithForeignKey(String... roles) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return Jwt.issuer(ISSUER).subject("jwt-operator").groups(Set.of(roles)).sign(gen.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT signed with the trusted key but from another issuer. */
    public static String jwtFromOtherIssuer(String... roles) {
        return Jwt.issuer("https://elsewhere.example").subject("jwt-operator").groups(Set.of(roles)).sign("jwt/test-private.pem");
    }
}
