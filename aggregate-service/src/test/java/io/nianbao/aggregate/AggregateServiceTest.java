package io.nianbao.aggregate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** aggregate-service on a real broker and registry: validated reports in, aggregates out through the REST API. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class AggregateServiceTest {

    @Test
    void servesLiveAggregatesAsJsonAndCsv() {
        for (String sample : new String[] {"003_168a611abdf0e580.txt", "004_9440981a45cb5a2e.txt"}) {
            ValidatedReportRecord v = Reports.validated(sample, sample, UnaryOperator.identity());
            TestProducer.send(Topics.VALIDATED, Reports.key(v), TestProducer.toGeneric(v));
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/api/aggregates?year=2020").then().log().ifValidationFails().statusCode(200)
                        .body("find { it.province == '宁夏回族自治区' }.reports", org.hamcrest.Matchers.equalTo(1))
                        .body("find { it.province == '宁夏回族自治区' }.reviewLitigation.administrativeReview.total", org.hamcrest.Matchers.equalTo(2)));
        given().get("/api/aggregates?year=2019").then().statusCode(200)
                .body("find { it.province == '青海省' }.applications.newReceived.otherOrg", org.hamcrest.Matchers.equalTo(4));
        // the summary view: counts and rates, no cell sums
        given().get("/api/aggregates?year=2019&view=summary").then().statusCode(200)
                .body("find { it.province == '青海省' }.reports", org.hamcrest.Matchers.equalTo(1))
                .body("find { it.province == '青海省' }.applications", org.hamcrest.Matchers.nullValue());
        given().accept("text/csv").get("/api/aggregates").then().statusCode(200)
                .body(containsString("province,reportYear,reports")).body(containsString("青海省,2019,1"));
        given().get("/api/aggregates/national?year=2019").then().statusCode(200).body("[0].reports", org.hamcrest.Matchers.equalTo(1));
        given().get("/api/activity").then().statusCode(200)
                .body("find { it.province == '青海省' }.lastHour.reports", org.hamcrest.Matchers.equalTo(1))
                .body("find { it.province == '宁夏回族自治区' }.lastDay.findings", org.hamcrest.Matchers.equalTo(4));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aMalformedNumberIsABadRequestWithTheReasonNotANotFound() {
        for (String path : new String[] {"/api/aggregates?year=abc", "/api/aggregates/national?year=abc", "/api/coverage?year=abc"}) {
            given().get(path).then().log().ifValidationFails().statusCode(400)
                    .body("status", org.hamcrest.Matchers.equalTo(400)).body("error", org.hamcrest.Matchers.equalTo("year must be a whole number, not 'abc'"));
        }
        given().accept("text/csv").get("/api/aggregates?year=20x9").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("year must be a whole number, not '20x9'"));
        given().get("/api/issues?limit=ten").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("limit must be a whole number, not 'ten'"));
        // blank is absent: the default limit (the aggregates may still be starting here, so issues only)
        given().get("/api/issues?limit=").then().statusCode(200);
    }
}
