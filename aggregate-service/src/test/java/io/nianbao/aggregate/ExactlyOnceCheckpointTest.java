package io.nianbao.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.Topic;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.testsupport.TestKafka;
import io.nianbao.testsupport.TestProducer;
import io.nianbao.testsupport.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The aggregate's topology under exactly-once on the in-JVM broker: while its tasks run, no task folder
 * holds a checkpoint. A checkpoint there tells a restart that the stores are clean, so after a SIGKILL it
 * keeps them instead of wiping them, with the writes of the transaction the kill aborted: a report new in
 * that transaction is then taken for an update and counted 0 times. Kafka Streams 4.1 left the checkpoint
 * it wrote when a task finished restoring (KAFKA-20685, fixed in 4.2.2); this fails on such a version.
 */
class ExactlyOnceCheckpointTest {

    @Test
    void noCheckpointWhileTheTasksRunAndOneAfterACleanClose() throws Exception {
        String registry = TestRegistry.url();
        String app = "checkpoint-" + UUID.randomUUID().toString().substring(0, 8);
        Path state = Files.createTempDirectory(app);
        // topics of its own: the shared reports.validated holds other tests' poison records, and what this
        // topology wrote to the shared aggregates.province would reach the live feed other tests watch
        Topic<ValidatedReportRecord> input = new Topic<>(app + ".validated", ValidatedReportRecord.class, Topics.VALIDATED.kind());
        String output = app + ".aggregates";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input.name(), 2, (short) 1), new NewTopic(output, 2, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(AggregationTopology.build(input.name(), output, Topics.VALIDATED.valueSerde(registry), Topics.AGGREGATES.valueSerde(registry)), p);
        try {
            streams.start();
            ValidatedReportRecord v = Reports.validated("003_168a611abdf0e580.txt", app, r -> Reports.placed(r, app + "县人民政府", "青海省", 2043));
            TestProducer.send(input, Reports.key(v), TestProducer.toGeneric(v));
            // running, restored, and the report in the store (written inside the open transaction)
            Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> streams.store(StoreQueryParameters.fromNameAndType(
                    io.nianbao.aggregate.drilldown.DrillDownTopology.REPORT_LATEST_STORE, QueryableStoreTypes.keyValueStore())).get(Reports.key(v)) != null);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(checkpoints(state.resolve(app))).as("checkpoints while the tasks run").isEmpty();
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
        // the same look finds them once they are right to have: a clean close writes one per task
        assertThat(checkpoints(state.resolve(app))).as("checkpoints after a clean close").isNotEmpty();
        try (Stream<Path> walk = Files.walk(state)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static List<Path> checkpoints(Path appDir) throws IOException {
        try (Stream<Path> walk = Files.walk(appDir)) {
            return walk.filter(f -> f.getFileName().toString().equals(".checkpoint")).toList();
        }
    }
}
