package io.nianbao.parse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Registry;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestConsumer;
import io.nianbao.testsupport.TestKafka;
import io.nianbao.testsupport.TestProducer;
import io.nianbao.testsupport.TestRegistry;
import io.nianbao.testsupport.TestSamples;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * parse-service on a real broker and registry: good reports come out parsed, bad ones go to
 * reports.parse-failed through SmallRye's dead-letter queue, and it keeps going.
 */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class ParseServiceTest {

    @Test
    void parsesGoodReportsAndDeadLettersTheRestWithoutStopping() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String garbageKey = "garbage-" + run, noTablesKey = "no-tables-" + run, scanKey = "scan-" + run,
                pdfKey = "pdf-" + run;
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        byte[] noTables = "只有一句话。".getBytes(StandardCharsets.UTF_8);
        byte[] scanned = ParseHandlerTest.scannedPdf();
        byte[] sample = Files.readAllBytes(TestSamples.dir().resolve("004_9440981a45cb5a2e.txt"));
        // a report id whose lineage's partition is not its identity's, so that the partition asserted below tells the partitioners apart
        int partitions = partitionsOfParsed();
        String identity = new ParseHandler(new io.nianbao.core.ReportParser()).handle(Topics.RAW.fromGeneric(raw("probe-" + run, sample))).getIdentity();
        String goodKey = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "gangcha-" + run + "-" + i)
                .filter(k -> io.nianbao.contracts.LineagePartitioner.partition(k, partitions) != io.nianbao.contracts.LineagePartitioner.partition(identity, partitions))
                .findFirst().orElseThrow(() -> new IllegalStateException("reports.parsed needs two partitions or more for this test"));
        GenericRecord scan = raw(scanKey, scanned);
        scan.put("contentType", "application/pdf");
        scan.put("charset", "binary");
        GenericRecord pdf = raw(pdfKey, Files.readAllBytes(realPdf()));
        pdf.put("contentType", "application/pdf");
        pdf.put("charset", "binary");
        pdf.put("fileName", "001.pdf");
        // one partition, so the good reports come after the bad ones in one queue
        sendBytesToPartition0(garbageKey, garbage);
        sendToPartition0(noTablesKey, raw(noTablesKey, noTables));
        sendToPartition0(scanKey, scan);
        sendToPartition0(goodKey, raw(goodKey, sample));
        long last = sendToPartition0(pdfKey, pdf);

        List<ConsumerRecord<String, GenericRecord>> parsed = TestConsumer.read(Topics.PARSED, r -> Set.of(goodKey, pdfKey).contains(reportId(r)),
                found -> found.size() >= 2, Duration.ofSeconds(90));
        assertThat(parsed).extracting(ParseServiceTest::reportId).containsExactlyInAnyOrder(goodKey, pdfKey);
        for (ConsumerRecord<String, GenericRecord> r : parsed) {
            GenericRecord report = r.value();
            // keyed by the report's identity, which the record carries
            assertThat(r.key()).isEqualTo(report.get("identity").toString()).matches("\\d{6}\\|.+\\|20\\d\\d");
            // on its lineage's partition (the report id here: no address given), which a header names for a replay
            String lineage = report.get("reportId").toString();
            assertThat(new String(r.headers().lastHeader(io.nianbao.contracts.LineagePartitioner.PARTITION_KEY_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo(lineage);
            assertThat(r.partition()).isEqualTo(io.nianbao.contracts.LineagePartitioner.partition(lineage, partitions));
            if (goodKey.equals(reportId(r))) assertThat(r.key()).isEqualTo(identity);
            if (goodKey.equals(reportId(r))) {
                assertThat(report.get("province").toString()).isEqualTo("青海省");
                assertThat(report.get("reportYear")).isEqualTo(2019);
            } else {
                assertThat(report.get("issuer").toString()).isEqualTo("洪泽区人民政府");
                assertThat(report.get("reportYear")).isEqualTo(2023);
            }
        }

        // dead letters are read as bytes: a non-Avro record's letter is not Avro either
        Set<String> badKeys = Set.of(garbageKey, noTablesKey, scanKey);
        List<ConsumerRecord<String, byte[]>> failed = TestConsumer.readBytes(Topics.PARSE_FAILED.name(), r -> badKeys.contains(r.key()),
                found -> found.size() >= 3, Duration.ofSeconds(30));
        assertThat(failed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(garbageKey, noTablesKey, scanKey);
        var deserializer = Topics.PARSE_FAILED.valueSerde(TestRegistry.url()).deserializer();
        for (ConsumerRecord<String, byte[]> f : failed) {
            String reason = TestConsumer.header(f, DeadLetters.REASON);
            assertThat(reason).isNotBlank();
            assertThat(TestConsumer.header(f, DeadLetters.STAGE)).isEqualTo("parse");
            assertThat(TestConsumer.header(f, DeadLetters.SOURCE)).startsWith("reports.raw/0/").doesNotEndWith("/?");
            assertThat(f.headers().lastHeader("deserialization-failure-data")).isNull();
            if (garbageKey.equals(f.key())) {
                // the bytes as read, once
                assertThat(f.value()).isEqualTo(garbage);
                assertThat(reason).isNotEqualTo("unknown");
                assertThat(TestConsumer.header(f, DeadLetters.EXCEPTION)).isEqualTo("org.apache.kafka.common.errors.RecordDeserializationException");
                continue;
            }
            assertThat(TestConsumer.header(f, DeadLetters.EXCEPTION)).isEqualTo(ParseHandler.Unparseable.class.getName());
            // the raw report as it was read, decodable with the topic's schema
            RawReport letter = deserializer.deserialize(f.topic(), f.headers(), f.value());
            assertThat(letter.getId()).isEqualTo(f.key());
            if (noTablesKey.equals(f.key())) {
                assertThat(reason).contains("no table");
                assertThat(bytes(letter.getBody())).isEqualTo(noTables);
                assertThat(letter.getContentType()).isEqualTo("text/plain");
            } else {
                assertThat(reason).contains("no text layer");
                assertThat(bytes(letter.getBody())).isEqualTo(scanned);
                assertThat(letter.getContentType()).isEqualTo("application/pdf");
            }
        }

        // the counters: the two refused reports (the non-Avro one is dead-lettered by SmallRye before the consumer) and the two parsed
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(counter(metrics, "nianbao_parse_parsed_total")).isGreaterThanOrEqualTo(2);
            assertThat(counter(metrics, "nianbao_parse_failed_total")).isGreaterThanOrEqualTo(2);
        });
        // every record is acknowledged (parsed ones once the broker has their output, refused ones once dead-lettered): the offset moves past them
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committed(0)).isGreaterThan(last));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** parse-service's committed offset on reports.raw's partition, -1 when none. */
    private static String reportId(ConsumerRecord<String, GenericRecord> r) {
        return r.value() == null ? null : r.value().get("reportId").toString();
    }

    private static long committed(int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets("nianbao-parse").partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(Topics.RAW.name(), partition));
            return o == null ? -1 : o.offset();
        }
    }

    private static double counter(String prometheus, String name) {
        return prometheus.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static Path realPdf() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pdf = p.resolve("shared/corpus/real/pdf/001.pdf");
            if (Files.isRegularFile(pdf)) return pdf;
        }
        throw new AssertionError("shared/corpus/real/pdf/001.pdf above the working directory");
    }

    private static long sendToPartition0(String key, GenericRecord value) {
        Map<String, Object> config = new HashMap<>(Topics.RAW.clientSerdeConfig(TestRegistry.url()));
        config.put(Registry.URL_PROPERTY, Registry.apiUrl(TestRegistry.url()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ParseServiceTest.class.getClassLoader());
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(Topics.RAW.name(), 0, key, value)).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static int partitionsOfParsed() {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            return admin.describeTopics(List.of(Topics.PARSED.name())).allTopicNames().get().get(Topics.PARSED.name()).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendBytesToPartition0(String key, byte[] value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RAW.name(), 0, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GenericRecord raw(String id, byte[] body) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", id);
        fields.put("receivedAt", System.currentTimeMillis());
        fields.put("contentType", "text/plain");
        fields.put("charset", "UTF-8");
        fields.put("body", ByteBuffer.wrap(body));
        return TestProducer.record(RawReport.getClassSchema(), fields);
    }
}
