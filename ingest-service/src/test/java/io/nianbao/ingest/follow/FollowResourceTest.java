package io.nianbao.ingest.follow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.nianbao.contracts.Topics;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestConsumer;
import io.nianbao.testsupport.TestSamples;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ingest-service with its watcher on a real broker and registry: a listing served on 127.0.0.1, added
 * through the API, brings its report page and the PDF it links onto reports.raw through ingest's own
 * intake; sources list, import and remove; coverage as JSON and CSV; the watcher in the health checks.
 */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class FollowResourceTest {

    private PortalServer portal;

    @BeforeEach
    void setUp() throws Exception {
        portal = new PortalServer();
    }

    @AfterEach
    void tearDown() {
        for (String path : List.of("/xxgk/nb/index.html", "/a/", "/b/list.json")) {
            given().queryParam("url", portal.url(path)).delete("/api/sources");
        }
        portal.close();
    }

    private static byte[] pdf() throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.getDocumentInformation().setTitle("follow-" + System.nanoTime());
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aListingAddedThroughTheApiBringsItsReportsOntoReportsRaw() throws Exception {
        String text = Files.readString(TestSamples.dir().resolve("003_168a611abdf0e580.txt"));
        String page = "<html><head><meta charset='utf-8'><meta name='PubDate' content='2020-01-20'></head><body><div class='content'><pre>"
                + text.replace("&", "&amp;").replace("<", "&lt;") + "</pre></div><p>附件：<a href='/files/P020200120.pdf'>年报.pdf</a></p>"
                + "<!-- " + System.nanoTime() + " --></body></html>";
        portal.put("/xxgk/nb/202001/t20200120_77.html", PortalServer.Page.html(page));
        portal.put("/files/P020200120.pdf", PortalServer.Page.of("application/pdf", pdf()));
        portal.put("/xxgk/nb/index.html", PortalServer.Page.html("<ul><li><a href='202001/t20200120_77.html'>同心县人民政府2019年政府信息公开工作年度报告</a>"
                + "<span>2020-01-20</span></li><li><a href='202001/t20200121_78.html'>关于春节的通知</a></li></ul>"));
        String listing = portal.url("/xxgk/nb/index.html");
        String reportUrl = portal.url("/xxgk/nb/202001/t20200120_77.html");

        given().contentType("application/json").body(Map.of("url", listing, "publisher", "同心县人民政府", "place", "宁夏回族自治区吴忠市同心县", "every", "1s"))
                .post("/api/sources").then().statusCode(201);
        given().contentType("application/json").body(Map.of("url", "ftp://x/")).post("/api/sources").then().statusCode(400)
                .body("error", containsString("http"));

        List<ConsumerRecord<String, GenericRecord>> raw = TestConsumer.read(Topics.RAW,
                r -> r.value().get("sourceUrl") != null && r.value().get("sourceUrl").toString().startsWith(portal.url("/")),
                found -> found.size() >= 2, Duration.ofSeconds(60));
        assertThat(raw).extracting(r -> r.value().get("sourceUrl").toString()).containsExactlyInAnyOrder(reportUrl, portal.url("/files/P020200120.pdf"));
        GenericRecord html = raw.stream().map(ConsumerRecord::value).filter(v -> v.get("sourceUrl").toString().equals(reportUrl)).findFirst().orElseThrow();
        assertThat(html.get("contentType").toString()).isEqualTo("text/html");
        assertThat(html.get("publisherHint").toString()).isEqualTo("同心县人民政府");
        assertThat(html.get("yearHint")).isEqualTo(2019);
        GenericRecord pdf = raw.stream().map(ConsumerRecord::value).filter(v -> v.get("sourceUrl").toString().endsWith(".pdf")).findFirst().orElseThrow();
        assertThat(pdf.get("contentType").toString()).isEqualTo("application/pdf");
        assertThat(pdf.get("fileName").toString()).isEqualTo("P020200120.pdf");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/sources").then().statusCode(200)
                .body("find { it.url == '" + listing + "' }.reports", equalTo(2))
                .body("find { it.url == '" + listing + "' }.status", org.hamcrest.Matchers.anyOf(equalTo("ok"), equalTo("not-modified")))
                .body("find { it.url == '" + listing + "' }.publisher", equalTo("同心县人民政府")));

        // coverage: 同心县 published its 2019 report before 31 January 2020; as CSV with a BOM
        given().queryParam("year", 2019).get("/api/coverage").then().statusCode(200)
                .body("sources.find { it.source == '" + listing + "' }.province", equalTo("宁夏回族自治区"))
                .body("sources.find { it.source == '" + listing + "' }.published[0].publisher", equalTo("同心县人民政府"))
                .body("sources.find { it.source == '" + listing + "' }.published[0].late", equalTo(false))
                .body("provinces.find { it.province == '宁夏回族自治区' }.published.size()", equalTo(1));
        given().queryParam("year", 2020).get("/api/coverage").then().statusCode(200)
                .body("sources.find { it.source == '" + listing + "' }.missing", equalTo(List.of("同心县人民政府")));
        byte[] csv = given().queryParam("year", 2019).queryParam("format", "csv").get("/api/coverage").then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).extract().asByteArray();
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("2019,宁夏回族自治区," + listing + ",同心县人民政府,published,2020-01-20,page," + reportUrl);

        // the watcher in the health checks ./nianbao status reads
        given().get("/q/health").then().statusCode(200).body(containsString("follow-publishers"))
                .body("checks.find { it.name == 'follow-publishers' }.data.watcher", equalTo("following"));
        // metrics per source: polls, new reports (errors by kind once there are some)
        given().get("/q/metrics").then().statusCode(200).body(containsString("nianbao_follow_polls_total"))
                .body(containsString("nianbao_follow_reports_total{source=\"" + listing + "\",version=\"new\"}"));
    }

    @Test
    void aMalformedYearIsABadRequestWithTheReasonNotANotFound() {
        given().queryParam("year", "abc").get("/api/coverage").then().log().ifValidationFails().statusCode(400)
                .body("status", equalTo(400)).body("error", equalTo("year must be a whole number, not 'abc'"));
        given().queryParam("year", "abc").queryParam("format", "csv").get("/api/coverage").then().statusCode(400)
                .body("error", equalTo("year must be a whole number, not 'abc'"));
        given().queryParam("year", 1999).get("/api/coverage").then().statusCode(400).body("error", containsString("is not a report year"));
    }

    @Test
    void importManyAndRemove() {
        String file = "\uFEFFurl,publisher,place,every\n" + portal.url("/a/") + ",甲县人民政府,江西省,1h\n" + portal.url("/b/list.json") + ",,,2h\nnot a url\n"
                + portal.url("/c/") + ",,,1ms\n";
        given().contentType("text/csv").body(file.getBytes(StandardCharsets.UTF_8)).post("/api/sources/import").then().statusCode(200)
                .body("added", equalTo(2)).body("errors.size()", equalTo(2)).body("errors[1]", containsString("shorter than"));
        given().get("/api/sources").then().statusCode(200)
                .body("find { it.url == '" + portal.url("/a/") + "' }.every", equalTo("1h"))
                .body("find { it.url == '" + portal.url("/b/list.json") + "' }.every", equalTo("2h"));
        given().queryParam("url", portal.url("/a/")).delete("/api/sources").then().statusCode(200);
        given().queryParam("url", portal.url("/a/")).delete("/api/sources").then().statusCode(404);
        given().get("/api/sources").then().body("find { it.url == '" + portal.url("/a/") + "' }", org.hamcrest.Matchers.nullValue());
    }
}
