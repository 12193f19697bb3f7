package dev.mcpgateway.policy.limit;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.UUID;

/** The whole service with policy.limits.store=redis, under a key prefix of its own for each start. */
public class RedisCountersProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("policy.limits.store", "redis",
                "policy.limits.redis-key-prefix", "mcpg:it:" + UUID.randomUUID() + ":");
    }
}
