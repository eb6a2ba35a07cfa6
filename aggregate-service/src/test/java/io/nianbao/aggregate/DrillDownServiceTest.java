package io.nianbao.aggregate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The drill-down, the latest issues and the coverage on a real broker and registry, through the REST API. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
@QuarkusTestResource(FakeIngest.class)
class DrillDownServiceTest {

    @Test
    void aProvincesIssuersThenOneReportAsRead() {
        ValidatedReportRecord v = Reports.validated("004_9440981a45cb5a2e.txt", "dd-1",
                r -> Reports.placed(r, "刚察县财政局·钻取", "青海省", 2037));
        String identity = Reports.key(v);
        TestProducer.send(Topics.VALIDATED, identity, TestProducer.toGeneric(v));

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/api/provinces/青海省?year=2037").then().log().ifValidationFails().statusCode(200)
                        .body("issuers", hasSize(1))
                        .body("issuers[0].identity", equalTo(identity))
                        .body("issuers[0].issuer", equalTo("刚察县财政局·钻取"))
                        .body("issuers[0].status", equalTo(v.getStatus()))
                        .body("issuers[0].errors", equalTo((int) v.getFindings().stream().filter(f -> f.getSeverity().equals("error")).count())));
        given().get("/api/reports/{identity}", identity).then().statusCode(200)
                .body("identity", equalTo(identity))
                .body("sections.id", org.hamcrest.Matchers.contains("activeDisclosure", "applications", "reviewLitigation"))
                .body("findings.find { it.rule == 'APP_RESULTS_SUM' && it.column == 'otherOrg' }.cells[0].row", equalTo("results.total"))
                .body("sections.find { it.id == 'applications' }.rows.find { it.row == 'newReceived' }.cells.otherOrg.value", equalTo(4))
                .body("versions", hasSize(1));
        given().get("/api/reports/{identity}", "?|nobody|2037").then().statusCode(404);
        given().get("/api/provinces/青海省?year=soon").then().statusCode(400);
        given().get("/api/provinces/青海省?year=2036").then().statusCode(200).body("issuers", hasSize(0));
        // the summary roll-up has no cell sums
        given().get("/api/aggregates/national?year=2037&view=summary").then().statusCode(200)
                .body("[0].reports", equalTo(1)).body("[0].applications", nullValue());
    }

    @Test
    void theLatestIssuesFilteredAndTheCoverageFromIngest() {
        String tag = "issues-" + System.nanoTime();
        for (String severity : new String[] {"error", "warning", "error"}) {
            TestProducer.send(Topics.ISSUES, "湖南省/x", TestProducer.toGeneric(ValidationIssueRecord.newBuilder()
                    .setFindingId(tag + severity).setAction("RAISED").setReportId(tag).setIssuer(tag).setProvince("湖南省").setReportYear(2037)
                    .setRule(severity.equals("error") ? "APP_BALANCE" : "NARRATIVE_MISMATCH").setSeverity(severity)
                    .setMessageZh("消息").setMessageEn("message").setAt(Instant.now()).build()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/api/issues?province=湖南省").then().statusCode(200)
                        .body("findAll { it.issuer == '" + tag + "' }", hasSize(3)));
        given().get("/api/issues?province=湖南省&severity=warning").then().statusCode(200)
                .body("severity", everyItem(equalTo("warning"))).body("findAll { it.issuer == '" + tag + "' }", hasSize(1));
        given().get("/api/issues?rule=APP_BALANCE&limit=1").then().statusCode(200).body("", hasSize(1));

        given().get("/api/coverage?year=2024").then().statusCode(200)
                .body("provinces[0].province", equalTo(FakeIngest.PROVINCE)).body("provinces[0].missing[0]", equalTo("文昌市人民政府"));
        given().get("/api/coverage?year=2024&format=csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).body(containsString("琼海市人民政府,published"));
        org.assertj.core.api.Assertions.assertThat(FakeIngest.QUERIES).contains("year=2024", "year=2024&format=csv");
    }
}
