package io.nianbao.testsupport;

import io.nianbao.contracts.Registry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For @QuarkusTest: a real KRaft broker and a real Apicurio Registry, shared by every test class of the
 * JVM and stopped when it ends. Dev Services (which need Docker) stay off.
 */
public class PipelineTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafka.bootstrapServers();
        String registry = TestRegistry.url();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "mp.messaging.connector.smallrye-kafka.apicurio.registry.url", Registry.apiUrl(registry),
                "nianbao.registry.url", registry,
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // shared across test classes; TestKafka and TestRegistry stop with the JVM
    }
}
