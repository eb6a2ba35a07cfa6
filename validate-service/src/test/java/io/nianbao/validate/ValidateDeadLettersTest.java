package io.nianbao.validate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestConsumer;
import io.nianbao.testsupport.TestProducer;
import io.nianbao.testsupport.TestSamples;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A record on reports.parsed that is not a parsed report goes to reports.validate-failed as it was; the next one is validated. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class ValidateDeadLettersTest {

    @Test
    void aRecordThatIsNotAvroIsDeadLetteredAndTheNextIsValidated() throws Exception {
        byte[] poison = "this is not Avro, just text on reports.parsed".getBytes(StandardCharsets.UTF_8);
        // the same key, so the same partition: the good record comes after the poison in one queue
        String key = "poison-then-good";
        TestProducer.sendBytes(Topics.PARSED.name(), key, poison);
        ParsedReport good = new ReportParser().parse("after-the-poison", Files.readString(TestSamples.dir().resolve("003_168a611abdf0e580.txt")), ReportHints.NONE);
        TestProducer.send(Topics.PARSED, key, TestProducer.toGeneric(AvroMapping.toRecord(good, Instant.now())));

        List<ConsumerRecord<String, GenericRecord>> validated = TestConsumer.read(Topics.VALIDATED,
                r -> "after-the-poison".equals(((GenericRecord) r.value().get("report")).get("reportId").toString()),
                found -> !found.isEmpty(), Duration.ofSeconds(90));
        assertThat(validated).hasSize(1);

        List<ConsumerRecord<String, byte[]>> dead = TestConsumer.readBytes(Topics.VALIDATE_FAILED.name(), r -> key.equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.getFirst();
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(TestConsumer.header(letter, DeadLetters.REASON)).isNotBlank();
        assertThat(TestConsumer.header(letter, DeadLetters.STAGE)).isEqualTo("validate");
        assertThat(TestConsumer.header(letter, DeadLetters.SOURCE)).startsWith("reports.parsed/").doesNotEndWith("/?");
        assertThat(TestConsumer.header(letter, DeadLetters.EXCEPTION)).isNotBlank();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
