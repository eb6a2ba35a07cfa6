package io.nianbao.testsupport;

import io.nianbao.contracts.Registry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * For @QuarkusTest: a real KRaft broker and a real Apicurio Registry, shared by every test class of the
 * JVM and stopped when it ends. Dev Services (which need Docker) stay off.
 */
public class PipelineTestResource implements QuarkusTestResourceLifecycleManager {

    /** This application's Kafka Streams state, deleted when it stops. */
    private Path stateDir;

    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafka.bootstrapServers();
        String registry = TestRegistry.url();
        try {
            stateDir = Files.createTempDirectory("nianbao-test-streams");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "kafka-streams.state.dir", stateDir.toString(),
                "kafka.bootstrap.servers", bootstrap,
                "mp.messaging.connector.smallrye-kafka.apicurio.registry.url", Registry.apiUrl(registry),
                "nianbao.registry.url", registry,
                "quarkus.devservices.enabled", "false");
    }

    /** Called once the application (and its Kafka Streams) has stopped. */
    @Override
    public void stop() {
        // the broker and registry are shared across test classes: TestKafka and TestRegistry stop with the JVM
        if (stateDir != null) deleteQuietly(stateDir);
        stateDir = null;
    }

    /** Best effort: what cannot be deleted stays in the temporary folder, as before. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // gone already, or unreadable: nothing more to do
        }
    }
}
