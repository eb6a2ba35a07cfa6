package io.nianbao.parse;

import io.nianbao.testsupport.TestSamples;
import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestConsumer;
import io.nianbao.testsupport.TestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** parse-service on a real broker and registry: good reports come out parsed, bad ones as dead letters, and it keeps going. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class ParseServiceTest {

    @Test
    void parsesGoodReportsAndDeadLettersTheRestWithoutStopping() throws Exception {
        byte[] sample = Files.readAllBytes(TestSamples.dir().resolve("004_9440981a45cb5a2e.txt"));
        TestProducer.sendBytes(Topics.RAW.name(), "garbage", "not avro at all".getBytes(StandardCharsets.UTF_8));
        TestProducer.send(Topics.RAW, "no-tables", raw("no-tables", "只有一句话。".getBytes(StandardCharsets.UTF_8)));
        GenericRecord scan = raw("scan", ParseHandlerTest.scannedPdf());
        scan.put("contentType", "application/pdf");
        scan.put("charset", "binary");
        TestProducer.send(Topics.RAW, "scan", scan);
        TestProducer.send(Topics.RAW, "gangcha", raw("gangcha", sample));

        List<ConsumerRecord<String, GenericRecord>> parsed = TestConsumer.read(Topics.PARSED, r -> "gangcha".equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(60));
        assertThat(parsed).hasSize(1);
        GenericRecord report = parsed.getFirst().value();
        assertThat(report.get("province").toString()).isEqualTo("青海省");
        assertThat(report.get("reportYear")).isEqualTo(2019);

        List<ConsumerRecord<String, GenericRecord>> failed = TestConsumer.read(Topics.PARSE_FAILED,
                r -> "no-tables".equals(r.key()) || "scan".equals(r.key()) || r.key() == null || r.key().startsWith("undecodable") || "garbage".equals(r.key()),
                found -> found.size() >= 3, Duration.ofSeconds(30));
        assertThat(failed).hasSize(3);
        for (ConsumerRecord<String, GenericRecord> f : failed) {
            String reason = new String(f.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8);
            assertThat(reason).isNotBlank();
            if ("no-tables".equals(f.key())) assertThat(reason).contains("no table");
            else if ("scan".equals(f.key())) assertThat(reason).contains("no text layer");
            else assertThat(reason).contains("not a RawReport");
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
