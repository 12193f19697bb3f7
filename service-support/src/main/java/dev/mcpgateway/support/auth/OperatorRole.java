package dev.mcpgateway.support.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what on the operator APIs. A token or JWT carries one or more of these names; the roles a role
 * implies are added when the identity is built ({@link RoleExpansion}), so resource methods name only the least
 * role that may call them (e.g. {@code @RolesAllowed(OperatorRole.APPROVER)} also admits admins).
 */
public enum OperatorRole {
    /** Reads policies, grants (never their tokens), the catalog, the audit log and approvals without arguments. */
    VIEWER,
    /** A viewer who also approves, rejects and grants standing approvals, and sees held calls' arguments. */
    APPROVER,
    /** A viewer who also writes policies and grants, overrides catalog entries and accepts tool changes. */
    POLICY_MANAGER,
    /** Internal callers (the proxy, policy-service): reads the catalog and reports discovered tools, nothing else. */
    SERVICE,
    /** Everything. */
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String APPROVER_NAME = "approver";
    public static final String POLICY_MANAGER_NAME = "policy_manager";
    public static final String SERVICE_NAME = "service";
    public static final String ADMIN_NAME = "admin";

    /** The name used in token files, JWT claims and {@code @RolesAllowed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it implies. */
    public Set<OperatorRole> implied() {
        return switch (this) {
            case ADMIN -> EnumSet.allOf(OperatorRole.class);
            case APPROVER, POLICY_MANAGER -> EnumSet.of(this, VIEWER);
            case VIEWER, SERVICE -> EnumSet.of(this);
        };
    }

    public static Optional<OperatorRole> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }

    /** The role names as they are written, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(OperatorRole::wireName).collect(Collectors.joining(", "));
    }

    /** The given role names plus every role they imply; names that are not operator roles are kept as they are. */
    public static Set<String> expand(Set<String> names) {
        Set<String> out = new java.util.TreeSet<>(names);
        for (String n : names) {
            fromWire(n).ifPresent(r -> r.implied().forEach(i -> out.add(i.wireName())));
        }
        return out;
    }
}
