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
        String stateDir;
        try {
            stateDir = java.nio.file.Files.createTempDirectory("nianbao-test-streams").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of(
                "kafka-streams.state.dir", stateDir,
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
