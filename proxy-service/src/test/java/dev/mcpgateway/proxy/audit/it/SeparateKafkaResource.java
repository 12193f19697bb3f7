package dev.mcpgateway.proxy.audit.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Map;

/** Starts the test's own {@link KafkaBrokerProcess} with the topic, points the proxy at it, hands it to the test. */
public class SeparateKafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "mcp.decisions.proxy-it";

    /** The field of the test that gets the broker, to stop and start it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Broker {
    }

    private KafkaBrokerProcess broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = new KafkaBrokerProcess(Path.of("target", "audit-it-kafka"));
            broker.format();
            broker.start();
            broker.createTopic(TOPIC, 3);
            return Map.of("kafka.bootstrap.servers", broker.bootstrap(), "proxy.audit.topic", TOPIC);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test's Kafka broker", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(Broker.class, KafkaBrokerProcess.class));
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
