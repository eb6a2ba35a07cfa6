package io.nianbao.validate;

import io.nianbao.testsupport.TestSamples;
import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestConsumer;
import io.nianbao.testsupport.TestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** validate-service on a real broker and registry: findings raised once, withdrawn by a correction. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class ValidateServiceTest {

    @Test
    void raisesFindingsOnceAndWithdrawsThemWhenACorrectionArrives() throws Exception {
        String text = Files.readString(TestSamples.dir().resolve("002_1d0c304c5194360b.txt"));
        ParsedReport original = new ReportParser().parse("anyuan-v1", text, ReportHints.NONE);
        send(original);
        sent--;
        send(original); // redelivery (same version): no second finding

        String key = "江西省/安源区人民政府";
        List<ConsumerRecord<String, GenericRecord>> raised = TestConsumer.read(Topics.ISSUES,
                r -> key.equals(r.key()) && "error".equals(header(r, Issues.HEADER_SEVERITY)),
                found -> found.size() >= 2, Duration.ofSeconds(60));
        assertThat(raised).extracting(r -> header(r, Issues.HEADER_RULE) + " " + r.value().get("column") + " " + r.value().get("action"))
                .containsExactlyInAnyOrder("APP_BALANCE naturalPerson RAISED", "APP_BALANCE total RAISED");

        // the office corrects the carried-over row: 0 instead of 3, so the balance holds
        ParsedReport corrected = new ReportParser().parse("anyuan-v2", text, ReportHints.NONE);
        corrected.applications().put("carriedOver", "naturalPerson", Cell.of("0", 0));
        corrected.applications().put("carriedOver", "total", Cell.of("0", 0));
        send(corrected);

        List<ConsumerRecord<String, GenericRecord>> all = TestConsumer.read(Topics.ISSUES,
                r -> key.equals(r.key()) && "error".equals(header(r, Issues.HEADER_SEVERITY)),
                found -> found.size() >= 4, Duration.ofSeconds(60));
        assertThat(all).hasSize(4);
        assertThat(all.subList(2, 4)).extracting(r -> r.value().get("action").toString()).containsOnly("WITHDRAWN");
        assertThat(all.subList(2, 4)).extracting(r -> r.value().get("findingId").toString())
                .containsExactlyInAnyOrderElementsOf(raised.stream().map(r -> r.value().get("findingId").toString()).toList());

        List<ConsumerRecord<String, GenericRecord>> validated = TestConsumer.read(Topics.VALIDATED, r -> io.nianbao.core.model.ReportIdentity.key(original).equals(r.key()),
                found -> found.stream().anyMatch(r -> r.value().get("status").toString().equals("warnings") || r.value().get("status").toString().equals("valid")),
                Duration.ofSeconds(30));
        assertThat(validated.getFirst().value().get("status").toString()).isEqualTo("invalid");
        assertThat(validated.getLast().value().get("status").toString()).isIn("valid", "warnings");
    }

    private static final Instant RECEIVED = Instant.now();
    private static int sent;

    private static void send(ParsedReport report) {
        var record = AvroMapping.toRecord(report, RECEIVED.plusSeconds(sent++));
        TestProducer.send(Topics.PARSED, record.getIdentity(), TestProducer.toGeneric(record));
    }

    private static String header(ConsumerRecord<String, GenericRecord> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
