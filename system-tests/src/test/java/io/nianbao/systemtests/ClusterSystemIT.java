package io.nianbao.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.Topic;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.model.ReportIdentity;
import io.nianbao.core.aggregate.AggregateViews;
import io.nianbao.core.aggregate.ProvinceTotals;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole pipeline in containers on the images {@code ./nianbao images} builds: a 3-broker KRaft
 * cluster (replication factor 3, min.insync.replicas 2), Apicurio Registry, and two instances of each
 * service. Reports stream in while one broker and one instance of each service are killed; afterwards
 * every accepted report has been validated, none is counted twice, and the aggregates equal a
 * recomputation from the latest validated version of each report (the aggregate arithmetic of
 * report-core, through {@link AggregateMapping}).
 */
class ClusterSystemIT {

    private static final int PARTITIONS = 4;
    private static final int REPORTS = 40;
    private static final String CLUSTER_ID = "bmlhbmJhby1zeXN0ZW0tMQ";
    private static final List<String> SAMPLES = List.of("000_b7e468c868dd9816.txt", "001_22f1b762bef24d9e.txt",
            "002_1d0c304c5194360b.txt", "003_168a611abdf0e580.txt", "004_9440981a45cb5a2e.txt");
    /** The sample whose text states no year: each copy gets its own year hint, so its own aggregate key. */
    private static final String YEARLESS = "001_22f1b762bef24d9e.txt";

    private static final List<GenericContainer<?>> started = new ArrayList<>();
    private static Network network;
    private static final List<GenericContainer<?>> brokers = new ArrayList<>();
    private static final Map<String, List<GenericContainer<?>>> instances = new LinkedHashMap<>();
    private static GenericContainer<?> registry;
    private static String externalBootstrap;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startTheCluster() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(ClusterSystemIT::stopEverything, "stop-containers"));
        try {
            DockerEngine.ensure();
            network = Network.newNetwork();
            String voters = "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093";
            List<String> external = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                int hostPort = freePort();
                external.add("127.0.0.1:" + hostPort);
                GenericContainer<?> broker = new GenericContainer<>(DockerImageName.parse(Stack.kafkaImage()))
                        .withNetwork(network).withNetworkAliases("kafka-" + id)
                        .withEnv("KAFKA_NODE_ID", String.valueOf(id))
                        .withEnv("KAFKA_CLUSTER_ID", CLUSTER_ID)
                        .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                        .withEnv("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093,EXTERNAL://:29092")
                        .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-" + id + ":9092,EXTERNAL://127.0.0.1:" + hostPort)
                        .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT")
                        .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", String.valueOf(Stack.REPLICATION_FACTOR))
                        .withEnv("KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(Stack.MIN_INSYNC_REPLICAS))
                        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                        .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "4")
                        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                        .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "4")
                        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                        .withEnv("KAFKA_HEAP_OPTS", "-Xmx320m -Xms64m")
                        .withCreateContainerCmdModifier(cmd -> {
                            var port = com.github.dockerjava.api.model.ExposedPort.tcp(29092);
                            cmd.withExposedPorts(port);
                            cmd.getHostConfig().withPortBindings(new com.github.dockerjava.api.model.PortBinding(
                                    com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), port));
                        })
                        .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
                brokers.add(broker);
            }
            externalBootstrap = String.join(",", external);
            brokers.parallelStream().forEach(ClusterSystemIT::start);

            registry = new GenericContainer<>(DockerImageName.parse(Stack.registryImage()))
                    .withNetwork(network).withNetworkAliases("registry")
                    .withEnv(Stack.REGISTRY_COMPATIBILITY_ENV, "BACKWARD")
                    .withEnv("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                    .withExposedPorts(Stack.REGISTRY_PORT)
                    .waitingFor(Wait.forHttp("/apis/registry/v3/system/info").forPort(Stack.REGISTRY_PORT).withStartupTimeout(Duration.ofMinutes(3)));
            start(registry);
            createTopics();

            String bootstrap = "kafka-1:9092,kafka-2:9092,kafka-3:9092";
            List<GenericContainer<?>> services = new ArrayList<>();
            for (Stack.Service s : Stack.SERVICES) {
                List<GenericContainer<?>> two = new ArrayList<>();
                for (int i = 1; i <= 2; i++) {
                    String alias = s.name() + "-" + i;
                    GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(s.image()))
                            .withNetwork(network).withNetworkAliases(alias)
                            .withEnv("KAFKA_BOOTSTRAP_SERVERS", bootstrap)
                            .withEnv("NIANBAO_REGISTRY_URL", "http://registry:" + Stack.REGISTRY_PORT)
                            .withEnv("NIANBAO_HOST", "0.0.0.0")
                            .withEnv(Stack.clusterEnv(PARTITIONS))
                            .withEnv("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED")
                            .withExposedPorts(s.port())
                            .waitingFor(Wait.forHttp(Stack.READY).forPort(s.port()).withStartupTimeout(Duration.ofMinutes(6)));
                    if (s == Stack.AGGREGATE) c.withEnv(Stack.APPLICATION_SERVER_ENV, alias + ":" + s.port());
                    two.add(c);
                    services.add(c);
                }
                instances.put(s.name(), two);
            }
            services.parallelStream().forEach(ClusterSystemIT::start);
        } catch (Throwable t) {
            stopEverything();
            throw t;
        }
    }

    private static void start(GenericContainer<?> c) {
        synchronized (started) {
            started.add(c);
        }
        c.start();
    }

    private static void createTopics() throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", externalBootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (Topic<?> t : Topics.ALL) {
                Map<String, String> config = new HashMap<>();
                config.put("min.insync.replicas", String.valueOf(Stack.MIN_INSYNC_REPLICAS));
                config.put("cleanup.policy", t.compacted() ? "compact" : "delete");
                topics.add(new NewTopic(t.name(), PARTITIONS, (short) Stack.REPLICATION_FACTOR).configs(config));
            }
            admin.createTopics(topics).all().get();
            // the new topics reach every broker's metadata a moment after creation
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                var raw = admin.describeTopics(List.of(Topics.RAW.name())).allTopicNames().get().get(Topics.RAW.name());
                assertThat(raw.partitions()).hasSize(PARTITIONS)
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(Stack.REPLICATION_FACTOR));
            });
        }
    }

    @AfterAll
    static void stopEverything() {
        List<GenericContainer<?>> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        for (GenericContainer<?> c : all) {
            saveLog(c);
            try {
                c.stop();
            } catch (RuntimeException e) {
                System.err.println("stopping " + c.getDockerImageName() + ": " + e);
            }
        }
        if (network != null) {
            try {
                network.close();
            } catch (RuntimeException e) {
                System.err.println("removing the network: " + e);
            }
            network = null;
        }
        DockerEngine.stop();
    }

    /** Each container's output in target/container-logs, for a failure to be read afterwards (killed ones too). */
    private static void saveLog(GenericContainer<?> c) {
        if (c.getContainerId() == null) return;
        String name = c.getNetworkAliases().stream().filter(a -> !a.startsWith("tc-")).findFirst().orElse(c.getContainerId());
        try {
            Path dir = Path.of("target", "container-logs");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".log"), c.getLogs(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("saving the log of " + name + ": " + e);
        }
    }

    @Test
    void reportsStreamedWhileABrokerAndAnInstanceOfEachServiceDieAreNeitherLostNorCountedTwice() throws Exception {
        List<GenericContainer<?>> ingests = instances.get("ingest");
        Set<String> accepted = new LinkedHashSet<>();
        List<Throwable> producerErrors = new ArrayList<>();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < REPORTS; i++) accepted.add(post(ingests, i));
            } catch (Throwable t) {
                producerErrors.add(t);
            }
        }, "report-producer");
        producer.start();

        // a third of the way in: kill a broker and the second instance of each service (SIGKILL, no goodbye)
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> accepted.size() >= REPORTS / 3 || !producer.isAlive());
        everyTopicSurvivesABroker();
        kill(brokers.get(1));
        for (List<GenericContainer<?>> two : instances.values()) kill(two.get(1));
        assertThat(brokers.get(1).isRunning()).isFalse();
        assertThat(instances.values()).allSatisfy(two -> assertThat(two.get(1).isRunning()).isFalse());
        producer.join(Duration.ofMinutes(8).toMillis());
        assertThat(producerErrors).isEmpty();
        assertThat(accepted).hasSize(REPORTS);

        String registryUrl = "http://127.0.0.1:" + registry.getMappedPort(Stack.REGISTRY_PORT);
        // every accepted report is parsed (nothing lost on the way in); per identity (division|issuer|year) the
        // newest version in validate's order (received at, then report id) is the one validate must end with
        Map<String, ParsedReportRecord> newestParsed = new HashMap<>();
        Set<String> parsedIds = new java.util.HashSet<>();
        try (KafkaConsumer<String, Object> consumer = fromTheBeginning(Topics.PARSED, registryUrl)) {
            awaitOrShowThePipeline(() -> {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofSeconds(1))) {
                    ParsedReportRecord p = Topics.PARSED.fromGeneric(r.value());
                    if (p == null) continue;
                    parsedIds.add(p.getReportId());
                    newestParsed.merge(AvroMapping.identity(p), p, (a, b) ->
                            ReportIdentity.versionOrder(a.getReceivedAt(), a.getReportId(), b.getReceivedAt(), b.getReportId()) >= 0 ? a : b);
                }
                assertThat(parsedIds).as("accepted reports in " + Topics.PARSED.name()).containsAll(accepted);
            });
        }
        Map<String, String> newestIds = new TreeMap<>();
        newestParsed.forEach((identity, p) -> newestIds.put(identity, p.getReportId()));

        // reports.validated ends, for every identity, with its newest version (an older version that arrives after a
        // newer one, as redeliveries after the kills and two parse instances make happen, is rightly not published)
        Map<String, ValidatedReportRecord> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, Object> consumer = fromTheBeginning(Topics.VALIDATED, registryUrl)) {
            awaitOrShowThePipeline(() -> {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofSeconds(1))) {
                    ValidatedReportRecord v = Topics.VALIDATED.fromGeneric(r.value());
                    if (v == null) latest.remove(r.key());
                    else latest.put(r.key(), v);
                }
                Map<String, String> validatedIds = new TreeMap<>();
                latest.forEach((identity, v) -> validatedIds.put(identity, v.getReport().getReportId()));
                assertThat(validatedIds).as("per identity, the report id " + Topics.VALIDATED.name() + " ends with").isEqualTo(newestIds);
            });
        }

        // the aggregates (gathered by the surviving instance) equal a recomputation from the latest versions
        Map<String, ProvinceTotals> recomputed = new HashMap<>();
        for (ValidatedReportRecord v : latest.values()) {
            recomputed.computeIfAbsent(AggregateMapping.bucketKey(v), k -> ProvinceTotals.empty(null, null)).add(AggregateMapping.contribution(v));
        }
        Map<String, Map<String, String>> expected = byBucket(json.readTree(json.writeValueAsString(
                AggregateViews.json(AggregateViews.sorted(new ArrayList<>(recomputed.values()))))));
        long expectedReports = recomputed.values().stream().mapToLong(t -> Long.parseLong(flatten(AggregateViews.json(t)).get("reports"))).sum();
        assertThat(expectedReports).as("one report per issuer and year").isEqualTo(latest.size());
        // the yearless sample gave a key per year hint, the other samples one key each whatever the copies
        assertThat(latest).hasSizeGreaterThanOrEqualTo(REPORTS / SAMPLES.size() + 1);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(REPORTS / SAMPLES.size());
        GenericContainer<?> aggregate = instances.get("aggregate").get(0);
        Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(byBucket(json.readTree(get(aggregate, "/api/aggregates")))).isEqualTo(expected));
    }

    /**
     * Every topic on the cluster, the Kafka Streams services' changelogs and repartitions included, has
     * replication factor 3 and min.insync.replicas 2: a partition with its only replica on the broker
     * about to die would go offline and stall the stream that owns it.
     */
    private static void everyTopicSurvivesABroker() throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", externalBootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).as("the Kafka Streams services' own topics").anyMatch(n -> n.startsWith("nianbao-aggregate-") && n.endsWith("-changelog"))
                    .anyMatch(n -> n.startsWith("nianbao-validate") && n.endsWith("-changelog"));
            var described = admin.describeTopics(names).allTopicNames().get();
            described.forEach((name, d) -> assertThat(d.partitions()).as(name).allSatisfy(p -> assertThat(p.replicas()).hasSize(Stack.REPLICATION_FACTOR)));
            var resources = names.stream().filter(n -> !n.startsWith("__"))
                    .map(n -> new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n)).toList();
            admin.describeConfigs(resources).all().get().forEach((r, config) -> assertThat(config.get("min.insync.replicas").value())
                    .as(r.name()).isEqualTo(String.valueOf(Stack.MIN_INSYNC_REPLICAS)));
        }
    }

    private static KafkaConsumer<String, Object> fromTheBeginning(Topic<?> topic, String registryUrl) {
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(topic.consumerConfig(externalBootstrap, registryUrl, "system-test-check"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) partitions.add(new TopicPartition(topic.name(), p));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Waits up to six minutes for the assertion; when it never holds, prints where each stage stands first. */
    private static void awaitOrShowThePipeline(org.awaitility.core.ThrowingRunnable assertion) {
        try {
            Awaitility.await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).untilAsserted(assertion);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("where the pipeline stands:\n" + pipelineState());
            throw e;
        }
    }

    /**
     * For a failure: each topic's end offsets per partition and each consumer group's committed offsets on
     * it, so the stage where reports stopped shows (a group behind an end offset that does not move).
     */
    private static String pipelineState() {
        StringBuilder out = new StringBuilder();
        Properties props = new Properties();
        props.put("bootstrap.servers", externalBootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latestSpec = new HashMap<>();
            Set<String> names = new java.util.TreeSet<>(admin.listTopics().names().get());
            admin.describeTopics(names).allTopicNames().get().forEach((name, d) -> d.partitions().forEach(p ->
                    latestSpec.put(new TopicPartition(name, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            admin.listOffsets(latestSpec).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            ends.forEach((tp, end) -> { if (end > 0 && !tp.topic().startsWith("__")) out.append("  end ").append(tp).append(" = ").append(end).append('\n'); });
            for (String group : List.of("nianbao-parse", "nianbao-validate", "nianbao-aggregate")) {
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                        new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
                committed.putAll(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
                committed.forEach((tp, o) -> out.append("  ").append(group).append(' ').append(tp).append(" committed ")
                        .append(o == null ? "none" : o.offset()).append(" of ").append(ends.get(tp)).append('\n'));
            }
        } catch (Exception e) {
            out.append("  (could not read the offsets: ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** Sends report {@code i} to an ingest instance that answers; returns the id it was accepted under. */
    private static String post(List<GenericContainer<?>> ingests, int i) throws Exception {
        String sample = SAMPLES.get(i % SAMPLES.size());
        // trailing spaces make each copy its own bytes, so its own report id; the text reads the same
        String text = Files.readString(Stack.projectDir().resolve("samples").resolve(sample), StandardCharsets.UTF_8) + " ".repeat(i / SAMPLES.size() + 1) + "\n";
        String query = sample.equals(YEARLESS) ? "?year=" + (2008 + i / SAMPLES.size()) : "";
        Throwable last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            GenericContainer<?> ingest = ingests.get(attempt % ingests.size());
            if (!ingest.isRunning()) continue;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.getMappedPort(Stack.INGEST.port()) + "/api/reports" + query))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/plain; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202 || r.statusCode() == 200) {
                    Thread.sleep(200);
                    return json.readTree(r.body()).path("id").asText();
                }
                last = new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
            } catch (IOException | IllegalStateException e) {
                last = e; // the instance was killed under us: the other one takes it
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("report " + i + " was never accepted", last);
    }

    private static void kill(GenericContainer<?> c) {
        c.getDockerClient().killContainerCmd(c.getContainerId()).exec();
    }

    private static String get(GenericContainer<?> c, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.getMappedPort(Stack.AGGREGATE.port()) + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** Each aggregate's numbers by JSON path, keyed by province and year (6 decimals: sums of amounts leave float dust). */
    private static Map<String, Map<String, String>> byBucket(JsonNode array) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode a : array) out.put(a.path("province").asText() + "|" + a.path("reportYear").asText("unknown"), flatten(a));
        return out;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) node.fields().forEachRemaining(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        else if (node.isNumber()) out.put(path, new BigDecimal(node.asDouble()).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        else if (!node.isNull()) out.put(path, node.asText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
