package io.nianbao.aggregate.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicAdmin;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import io.nianbao.testsupport.TestKafka;
import io.nianbao.testsupport.TestRegistry;
import io.nianbao.testsupport.TestSamples;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the drill-down stores on the in-JVM broker, its own topic: for every key exactly one
 * instance answers "here" and holds the value, and the other points at that one's announced address; for
 * every province|year bucket, one instance holds its partition and all of its rows.
 */
class KeyOwnerTwoInstancesTest {

    @Test
    void eachKeyIsHeldByOneInstanceAndTheOtherPointsThere() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String registry = TestRegistry.url();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "reports.validated.routing-" + run;
        TopicAdmin.create(bootstrap, List.of(new Topic<>(topic, ValidatedReportRecord.class, Topic.Kind.TABLE)), TestKafka.SETTINGS.with(4, (short) 1, 1));
        Serde<ValidatedReportRecord> serde = Topics.VALIDATED.valueSerde(registry);

        // 12 identities over 3 provinces and 2 years: enough that both instances hold some
        Map<String, ValidatedReportRecord> reports = new LinkedHashMap<>();
        ParsedReport base = new ReportParser().parse("base", Files.readString(TestSamples.dir().resolve("004_9440981a45cb5a2e.txt")), ReportHints.NONE);
        String[] provinces = {"青海省", "海南省", "江苏省"};
        for (int i = 0; i < 12; i++) {
            ParsedReport r = new ParsedReport("r" + i, "第" + i + "县人民政府", base.region(), provinces[i % 3], base.divisionCode(), 2050 + i % 2,
                    base.publishedDate(), base.documentNumber(), base.template(), base.activeDisclosureTemplate(), base.applicationsTemplate(),
                    base.hintedFields(), base.activeDisclosure(), base.applications(), base.reviewLitigation(), base.narrativeFigures(), base.warnings(), base.readings());
            ValidationResult result = new RuleEngine().validate(r);
            reports.put(Findings.identity(r), ValidatedReportRecord.newBuilder().setReport(AvroMapping.toRecord(r, Instant.now()))
                    .setStatus(result.status()).setFindings(AvroMapping.toRecords(result.findings())).setValidatedAt(Instant.now()).build());
        }

        List<KafkaStreams> instances = new ArrayList<>();
        try {
            KafkaStreams a = start(bootstrap, registry, topic, run, "instance-a:8001");
            KafkaStreams b = start(bootstrap, registry, topic, run, "instance-b:8002");
            instances.add(a);
            instances.add(b);
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    instances.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING
                            && s.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())));
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, Serdes.String().serializer(), Serdes.ByteArray().serializer())) {
                reports.forEach((identity, v) -> producer.send(new ProducerRecord<>(topic, identity, serde.serializer().serialize(topic, v))));
            }
            KeyOwner ownerA = owner(a), ownerB = owner(b);
            Map<String, String> addresses = Map.of("a", "instance-a:8001", "b", "instance-b:8002");

            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                int onA = 0;
                for (String identity : reports.keySet()) {
                    if (holds(ownerA, ownerB, DrillDownTopology.REPORT_LATEST_STORE, identity, addresses)) onA++;
                }
                assertThat(onA).as("reports held by instance a (the others by b)").isBetween(1, reports.size() - 1);
                for (String province : provinces) {
                    for (int year : new int[] {2050, 2051}) holdsBucket(ownerA, ownerB, province + "|" + year, reports, addresses);
                }
            });
        } finally {
            instances.forEach(s -> s.close(Duration.ofSeconds(20)));
        }
    }

    /** Exactly one instance holds the key and has its value; the other names it. True when it is a. */
    private static boolean holds(KeyOwner a, KeyOwner b, String store, String key, Map<String, String> addresses) {
        KeyOwner.Location fromA = a.locate(store, key), fromB = b.locate(store, key);
        assertThat(fromA.remote().isEmpty()).as(key + " is held by exactly one instance").isNotEqualTo(fromB.remote().isEmpty());
        boolean onA = fromA.remote().isEmpty();
        assertThat(onA ? fromB.remote() : fromA.remote()).isEqualTo(Optional.of(addresses.get(onA ? "a" : "b")));
        assertThat((Object) (onA ? a : b).local(store, key)).as(store + " " + key + " where it is held").isNotNull();
        return onA;
    }

    /**
     * Exactly one instance holds the bucket's partition of the bucketed store, the other names it, and
     * every row of the bucket is there (and not on the other). True when it is a.
     */
    private static boolean holdsBucket(KeyOwner a, KeyOwner b, String bucket, Map<String, ValidatedReportRecord> reports, Map<String, String> addresses) {
        String store = DrillDownTopology.PROVINCE_ISSUERS_STORE;
        KeyOwner.Location fromA = a.locate(store, bucket, DrillDownTopology.BY_BUCKET), fromB = b.locate(store, bucket, DrillDownTopology.BY_BUCKET);
        assertThat(fromA.remote().isEmpty()).as(bucket + " is held by exactly one instance").isNotEqualTo(fromB.remote().isEmpty());
        assertThat(fromA.partition()).isEqualTo(fromB.partition());
        boolean onA = fromA.remote().isEmpty();
        assertThat(onA ? fromB.remote() : fromA.remote()).isEqualTo(Optional.of(addresses.get(onA ? "a" : "b")));
        List<String> expected = reports.entrySet().stream()
                .filter(e -> ProvinceTotals.key(String.valueOf(e.getValue().getReport().getProvince()), e.getValue().getReport().getReportYear()).equals(bucket))
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(expected).hasSize(2);
        List<String> held = (onA ? a : b).localPrefix(store, fromA.partition(), DrillDownTopology.bucketPrefix(bucket)).stream()
                .map(row -> DrillDownTopology.read(row).path("identity").asText()).sorted().toList();
        assertThat(held).as(bucket + "'s rows where it is held").isEqualTo(expected);
        return onA;
    }

    private static KeyOwner owner(KafkaStreams streams) {
        KeyOwner owner = new KeyOwner();
        owner.streams = streams;
        return owner;
    }

    private static KafkaStreams start(String bootstrap, String registry, String topic, String run, String address) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-" + run);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("routing-" + run).toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, address);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        StreamsBuilder builder = new StreamsBuilder();
        DrillDownTopology.add(builder, io.nianbao.aggregate.AggregationTopology.latestVersions(builder,
                builder.stream(topic, Consumed.with(Serdes.String(), Read.serde(Topics.VALIDATED.valueSerde(registry)))), Topics.VALIDATED.valueSerde(registry)));
        KafkaStreams streams = new KafkaStreams(builder.build(), p);
        streams.start();
        return streams;
    }
}
