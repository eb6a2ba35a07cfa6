package io.nianbao.ingest;

import io.nianbao.testsupport.TestSamples;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.nianbao.contracts.Topics;
import io.nianbao.testsupport.TestConsumer;
import java.nio.ByteBuffer;
import org.apache.avro.generic.GenericRecord;
import io.nianbao.testsupport.PipelineTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** ingest-service on a real broker and a real registry: what it publishes, and what it refuses. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class IngestResourceTest {

    @Test
    void theSameBytesWithASourceUrlOrASupersedesLinkAreNews() throws Exception {
        byte[] body = (Files.readString(TestSamples.dir().resolve("004_9440981a45cb5a2e.txt")) + "\n<!-- linked -->").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String id = given().contentType("text/plain; charset=UTF-8").body(body)
                .post("/api/reports").then().statusCode(202).extract().path("id");
        given().contentType("text/plain; charset=UTF-8").queryParam("sourceUrl", "http://www.example.gov.cn/ndbg.html").body(body)
                .post("/api/reports").then().statusCode(202).body("id", equalTo(id)).body("duplicate", equalTo(false));
        given().contentType("text/plain; charset=UTF-8").queryParam("sourceUrl", "http://www.example.gov.cn/ndbg.html").queryParam("supersedes", "some-earlier-id")
                .body(body).post("/api/reports").then().statusCode(202).body("duplicate", equalTo(false));
        List<ConsumerRecord<String, GenericRecord>> records = TestConsumer.read(Topics.RAW, r -> id.equals(r.key()), found -> found.size() >= 3,
                Duration.ofSeconds(30));
        assertThat(records).extracting(r -> String.valueOf(r.value().get("supersedes"))).containsExactly("null", "null", "some-earlier-id");
    }

    @Test
    void publishesTheReportUnchangedKeyedByItsHashAndOnlyOnce() throws Exception {
        byte[] body = Files.readAllBytes(TestSamples.dir().resolve("003_168a611abdf0e580.txt"));
        String id = given().contentType("text/plain; charset=UTF-8").queryParam("publisher", "同心县人民政府办公室").body(body)
                .post("/api/reports").then().statusCode(202).body("duplicate", equalTo(false)).extract().path("id");
        given().contentType("text/plain; charset=UTF-8").queryParam("publisher", "同心县人民政府办公室").body(body)
                .post("/api/reports").then().statusCode(200).body("id", equalTo(id)).body("duplicate", equalTo(true));

        // read on for a few seconds after the first one arrives, to see a duplicate if there were one
        long[] firstSeen = {0};
        List<ConsumerRecord<String, GenericRecord>> records = TestConsumer.read(Topics.RAW, r -> id.equals(r.key()), found -> {
            if (!found.isEmpty() && firstSeen[0] == 0) firstSeen[0] = System.nanoTime();
            return firstSeen[0] != 0 && System.nanoTime() - firstSeen[0] > Duration.ofSeconds(3).toNanos();
        }, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        GenericRecord raw = records.getFirst().value();
        assertThat(raw.get("id").toString()).isEqualTo(id);
        assertThat(raw.get("publisherHint").toString()).isEqualTo("同心县人民政府办公室");
        ByteBuffer buffer = (ByteBuffer) raw.get("body");
        byte[] published = new byte[buffer.remaining()];
        buffer.get(published);
        assertThat(published).isEqualTo(body);
    }

    @Test
    void publishesAPdfUnchangedAsBytes() throws Exception {
        byte[] pdf;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(out);
            pdf = out.toByteArray();
        }
        String id = given().contentType("application/octet-stream").queryParam("fileName", "report.pdf").body(pdf)
                .post("/api/reports").then().statusCode(202).body("contentType", equalTo("application/pdf"))
                .body("charset", equalTo("binary")).extract().path("id");
        List<ConsumerRecord<String, GenericRecord>> records = TestConsumer.read(Topics.RAW, r -> id.equals(r.key()), found -> !found.isEmpty(),
                Duration.ofSeconds(30));
        GenericRecord raw = records.getFirst().value();
        assertThat(raw.get("contentType").toString()).isEqualTo("application/pdf");
        ByteBuffer buffer = (ByteBuffer) raw.get("body");
        byte[] published = new byte[buffer.remaining()];
        buffer.get(published);
        assertThat(published).isEqualTo(pdf);
        given().contentType("application/pdf").body("not a pdf".getBytes(StandardCharsets.UTF_8)).post("/api/reports")
                .then().statusCode(400).body("error", containsString("not a PDF"));
    }

    @Test
    void acceptsTextWithAFewDamagedBytesWithAWarning() throws Exception {
        byte[] body = Files.readAllBytes(TestSamples.dir().resolve("003_168a611abdf0e580.txt"));
        int at = body.length / 2;
        while ((body[at] & 0xC0) != 0xC0) at++;
        body[at] = (byte) 0xFF; // never valid in UTF-8
        given().contentType("text/plain; charset=UTF-8").body(body).post("/api/reports").then().statusCode(202)
                .body("charset", equalTo("UTF-8")).body("warnings[0]", containsString("DECODING_REPLACED: "));
    }

    @Test
    void acceptsBig5AndGbk() {
        given().contentType("text/plain; charset=Big5").body("同心縣政府信息公開工作年度報告".getBytes(Charset.forName("Big5")))
                .post("/api/reports").then().statusCode(202).body("charset", equalTo("Big5"));
        given().contentType("text/html; charset=GBK").body("<p>刚察县政府信息公开工作年度报告</p>".getBytes(Charset.forName("GBK")))
                .post("/api/reports").then().statusCode(202).body("charset", equalTo("GB18030"));
    }

    @Test
    void refusesBadInputWithAReason() {
        given().contentType("text/plain").body(new byte[0]).post("/api/reports")
                .then().statusCode(400).body("error", containsString("empty"));
        given().contentType("text/plain; charset=UTF-8").body(new byte[] {(byte) 0xC3, 0x28, 0x41}).post("/api/reports")
                .then().statusCode(400).body("error", containsString("UTF-8"));
        given().contentType("text/plain").body(new byte[5 * 1024 * 1024 + 1]).post("/api/reports")
                .then().statusCode(413).body("error", containsString("limit"));
        given().contentType("text/plain").queryParam("year", "twenty").body("x".getBytes(StandardCharsets.UTF_8)).post("/api/reports")
                .then().statusCode(400).body("error", containsString("not a number"));
        given().contentType("application/json").body("{}").post("/api/reports")
                .then().statusCode(415).body("error", containsString("text/plain"));
    }

    @Test
    void healthAndMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/reports"));
    }


}
