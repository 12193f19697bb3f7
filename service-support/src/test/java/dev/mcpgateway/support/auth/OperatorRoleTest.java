package dev.mcpgateway.support.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorRoleTest {

    @Test
    void adminImpliesEveryRole() {
        assertEquals(Set.of("admin", "policy_manager", "approver", "viewer", "service"), OperatorRole.expand(Set.of("admin")));
    }

    @Test
    void approverAndPolicyManagerAreViewersButNotEachOther() {
        assertEquals(Set.of("approver", "viewer"), OperatorRole.expand(Set.of("approver")));
        assertEquals(Set.of("policy_manager", "viewer"), OperatorRole.expand(Set.of("policy_manager")));
        assertEquals(Set.of("approver", "policy_manager", "viewer"), OperatorRole.expand(Set.of("approver", "policy_manager")));
    }

    @Test
    void viewerAndServiceImplyNothingElseAndForeignRolesAreKept() {
        assertEquals(Set.of("viewer"), OperatorRole.expand(Set.of("viewer")));
        assertEquals(Set.of("service"), OperatorRole.expand(Set.of("service")));
        assertEquals(Set.of("offline_access", "viewer"), OperatorRole.expand(Set.of("offline_access", "viewer")));
    }

    @Test
    void namesMatchTheAnnotationConstants() {
        assertEquals(OperatorRole.POLICY_MANAGER_NAME, OperatorRole.POLICY_MANAGER.wireName());
        assertEquals(OperatorRole.APPROVER_NAME, OperatorRole.APPROVER.wireName());
        assertEquals(OperatorRole.VIEWER_NAME, OperatorRole.VIEWER.wireName());
        assertEquals(OperatorRole.SERVICE_NAME, OperatorRole.SERVICE.wireName());
        assertEquals(OperatorRole.ADMIN_NAME, OperatorRole.ADMIN.wireName());
    }
}
