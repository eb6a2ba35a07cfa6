package io.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicAdmin;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.testsupport.TestKafka;
import io.nianbao.testsupport.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker: the same stream of versions — repeats, corrections, late older versions, identities
 * changed at one source URL, cross-year pairs in both orders — validated by one instance and by two
 * instances sharing the work end in the same table and the same findings, and both equal the pure core's
 * ledger fed the versions in the order they were received.
 */
class TwoInstancesTest {

    private static final int VERSIONS = 300;

    @Test
    void twoInstancesGiveExactlyTheResultsOfOne(@TempDir Path stateDirs) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String registry = TestRegistry.url();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ValidationTopology.Names one = ValidationTopology.Names.suffixed(".one-" + run);
        ValidationTopology.Names two = ValidationTopology.Names.suffixed(".two-" + run);
        for (ValidationTopology.Names names : List.of(one, two)) {
            TopicAdmin.create(bootstrap, List.of(
                    new Topic<>(names.parsed(), ParsedReportRecord.class, Topic.Kind.STREAM),
                    new Topic<>(names.validated(), ValidatedReportRecord.class, Topic.Kind.TABLE),
                    new Topic<>(names.issues(), ValidationIssueRecord.class, Topic.Kind.STREAM),
                    new Topic<>(names.failed(), ParsedReportRecord.class, Topic.Kind.DEAD_LETTERS)), TestKafka.SETTINGS.with(4, (short) 1, 1));
        }
        List<ParsedReportRecord> versions = Versions.generate(new Random(7), VERSIONS);

        List<KafkaStreams> instances = new ArrayList<>();
        try {
            instances.add(start(bootstrap, registry, one, "one-" + run, stateDirs.resolve("one-0")));
            KafkaStreams first = start(bootstrap, registry, two, "two-" + run, stateDirs.resolve("two-1"));
            KafkaStreams second = start(bootstrap, registry, two, "two-" + run, stateDirs.resolve("two-2"));
            instances.add(first);
            instances.add(second);
            // the versions go out only once both instances run with tasks of their own: the work is really shared
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    instances.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING)
                            && List.of(first, second).stream().allMatch(s -> s.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())));
            for (ValidationTopology.Names names : List.of(one, two)) produce(bootstrap, registry, names.parsed(), versions);

            Map<String, String> expected = Versions.expectedTable(versions);
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(Versions.differences(expected, table(bootstrap, registry, one.validated()))).as("one instance").isEmpty();
                assertThat(Versions.differences(expected, table(bootstrap, registry, two.validated()))).as("two instances").isEmpty();
            });
            // the issue streams differ in their intermediate steps (which versions met first depends on timing), never in
            // where they end, and in each, per finding, the actions alternate: nothing raised twice, nothing withdrawn twice
            java.util.Set<String> findings = Versions.expectedFindings(versions);
            assertThat(Versions.violations(issues(bootstrap, registry, one.issues()), findings)).as("one instance").isEmpty();
            assertThat(Versions.violations(issues(bootstrap, registry, two.issues()), findings)).as("two instances").isEmpty();
        } finally {
            instances.forEach(s -> s.close(Duration.ofSeconds(20)));
        }
    }

    private static void produce(String bootstrap, String registry, String topic, List<ParsedReportRecord> versions) {
        Serde<ParsedReportRecord> serde = Topics.PARSED.valueSerde(registry);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        // as parse-service sends them: each on its lineage's partition
        p.put("partitioner.class", Topics.partitioner(Topics.PARSED).orElseThrow().getName());
        try (KafkaProducer<String, ParsedReportRecord> producer = new KafkaProducer<>(p, Serdes.String().serializer(), serde.serializer())) {
            for (ParsedReportRecord v : versions) producer.send(new ProducerRecord<>(topic, v.getIdentity(), v));
        }
    }

    /** An instance of the app whose state is in {@code stateDir} (one each: they are two machines). */
    private static KafkaStreams start(String bootstrap, String registry, ValidationTopology.Names names, String app, Path stateDir) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "validate-" + app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(ValidationTopology.build(names, registry), p);
        streams.start();
        return streams;
    }

    /** The latest value per key of a compacted topic, read committed, as "reportId status findings". */
    private static Map<String, String> table(String bootstrap, String registry, String topic) {
        Map<String, String> table = new TreeMap<>();
        Serde<ValidatedReportRecord> serde = Topics.VALIDATED.valueSerde(registry);
        for (ConsumerRecord<String, byte[]> r : readAll(bootstrap, topic)) {
            if (r.value() == null) table.remove(r.key());
            else {
                ValidatedReportRecord v = serde.deserializer().deserialize(topic, r.value());
                table.put(r.key(), v.getReport().getReportId() + " " + v.getStatus() + " " + v.getFindings().size());
            }
        }
        return table;
    }

    /** The issue records of a topic in offset order per key: findingId → its actions. */
    private static Map<String, List<String>> issues(String bootstrap, String registry, String topic) {
        Map<String, List<String>> actions = new TreeMap<>();
        Serde<ValidationIssueRecord> serde = Topics.ISSUES.valueSerde(registry);
        for (ConsumerRecord<String, byte[]> r : readAll(bootstrap, topic)) {
            ValidationIssueRecord i = serde.deserializer().deserialize(topic, r.value());
            actions.computeIfAbsent(i.getFindingId(), k -> new ArrayList<>()).add(i.getAction());
        }
        return actions;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
