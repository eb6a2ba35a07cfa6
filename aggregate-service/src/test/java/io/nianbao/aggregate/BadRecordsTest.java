package io.nianbao.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.nianbao.contracts.Registry;
import io.nianbao.testsupport.TestRegistry;
import org.apache.avro.generic.GenericRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestConsumer;
import io.nianbao.testsupport.TestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Bad records on reports.validated never stop Kafka Streams: one that is not Avro, and one the aggregate
 * cannot take, each go to reports.aggregate-failed as they were read, with the reason in headers, and the
 * next good record is aggregated while the service stays ready.
 */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class BadRecordsTest {

    @Inject
    KafkaStreams streams;

    @Test
    void aRecordThatIsNotAvroIsDeadLetteredAndTheNextIsAggregated() {
        byte[] poison = "this is not Avro, just text on reports.validated".getBytes(StandardCharsets.UTF_8);
        TestProducer.sendBytes(Topics.VALIDATED.name(), "poison|2031", poison);
        ValidatedReportRecord good = Reports.validated("000_b7e468c868dd9816.txt", "fenyi-2031", r -> inYear(r, 2031));
        TestProducer.send(Topics.VALIDATED, Reports.key(good), TestProducer.toGeneric(good));

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/api/aggregates?year=2031").then().log().ifValidationFails().statusCode(200)
                        .body("find { it.province == '江西省' }.reports", equalTo(1)));
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        List<ConsumerRecord<String, byte[]>> dead = TestConsumer.readBytes(Topics.AGGREGATE_FAILED.name(), r -> "poison|2031".equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.getFirst();
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(TestConsumer.header(letter, DeadLetters.REASON)).startsWith("the record is not a ValidatedReportRecord");
        assertThat(TestConsumer.header(letter, DeadLetters.STAGE)).isEqualTo("aggregate");
        assertThat(TestConsumer.header(letter, DeadLetters.SOURCE)).startsWith("reports.validated/");
        assertThat(TestConsumer.header(letter, DeadLetters.EXCEPTION)).isNotBlank();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("nianbao_aggregate_dead_letters_total{kind=\"deserialization\""));
    }

    @Test
    void aReportTheAggregateCannotTakeIsDeadLetteredBeforeItBecomesState() {
        ValidatedReportRecord good = Reports.validated("000_b7e468c868dd9816.txt", "fenyi-2032", r -> inYear(r, 2032));
        // Avro, but with a severity no rule has: computing its contribution throws
        GenericRecord bad = TestProducer.toGeneric(good);
        @SuppressWarnings("unchecked")
        List<GenericRecord> findings = (List<GenericRecord>) bad.get("findings");
        assertThat(findings).isNotEmpty();
        findings.forEach(f -> f.put("severity", "catastrophic"));
        String key = Reports.key(good);
        TestProducer.send(Topics.VALIDATED, key, bad);
        TestProducer.send(Topics.VALIDATED, key, TestProducer.toGeneric(good)); // the corrected version of the same key

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/api/aggregates?year=2032").then().log().ifValidationFails().statusCode(200)
                        .body("find { it.province == '江西省' }.reports", equalTo(1))
                        .body("find { it.province == '江西省' }.reportsByStatus." + good.getStatus(), equalTo(1)));
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        List<ConsumerRecord<String, byte[]>> dead = TestConsumer.readBytes(Topics.AGGREGATE_FAILED.name(), r -> key.equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.getFirst();
        assertThat(TestConsumer.header(letter, DeadLetters.REASON)).contains("CATASTROPHIC");
        assertThat(TestConsumer.header(letter, DeadLetters.STAGE)).isEqualTo("aggregate");
        assertThat(TestConsumer.header(letter, DeadLetters.SOURCE)).startsWith("reports.validated/");
        assertThat(TestConsumer.header(letter, DeadLetters.EXCEPTION)).isEqualTo(IllegalArgumentException.class.getName());
        // the dead letter is the record as read: it decodes as the bad report
        GenericRecord read = decode(letter.value());
        assertThat((List<?>) read.get("findings")).extracting(f -> ((GenericRecord) f).get("severity").toString()).containsOnly("catastrophic");
    }

    private static GenericRecord decode(byte[] value) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(BadRecordsTest.class.getClassLoader());
        try (AvroKafkaDeserializer<GenericRecord> avro = new AvroKafkaDeserializer<>()) {
            java.util.Map<String, Object> config = new java.util.HashMap<>(Registry.serdeConfig(TestRegistry.url()));
            config.put("apicurio.registry.use-specific-avro-reader", "false");
            avro.configure(config, false);
            return avro.deserialize(Topics.AGGREGATE_FAILED.name(), value);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static ParsedReport inYear(ParsedReport r, int year) {
        return new ParsedReport(r.reportId(), r.issuer(), r.region(), r.province(), r.divisionCode(), year, r.publishedDate(),
                r.documentNumber(), r.template(), r.activeDisclosureTemplate(), r.applicationsTemplate(), r.hintedFields(),
                r.activeDisclosure(), r.applications(), r.reviewLitigation(), r.narrativeFigures(), r.warnings());
    }
}
