package io.nianbao.parse.check;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import io.nianbao.testsupport.PipelineTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** POST /api/check on the running parse-service, and the checker's page. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class CheckResourceTest {

    @Test
    void aPdfIsCheckedAtOnceAndAnUnreadableBodyIsRefused() throws Exception {
        byte[] pdf = Files.readAllBytes(CheckerTest.realPdf());
        given().contentType("application/pdf").body(pdf).post("/api/check?fileName=001.pdf")
                .then().statusCode(200)
                .body("issuer", equalTo("洪泽区人民政府"))
                .body("findings.rule", hasItem("REVIEW_SUM"));
        // once the service is warm an office sees the answer at once (a second here, with room for a busy test machine)
        long started = System.nanoTime();
        given().contentType("application/pdf").body(pdf).post("/api/check?fileName=001.pdf").then().statusCode(200);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("a warm check of the real 5-page PDF took %.2f s%n", seconds);
        org.assertj.core.api.Assertions.assertThat(seconds).as("seconds for a check").isLessThan(3);
        given().contentType("text/plain").body(new byte[0]).post("/api/check").then().statusCode(422).body("error", containsString("empty"));
        given().get("/check/").then().statusCode(200).body(containsString("年报自查"));
        given().get("/report-tables.js").then().statusCode(200).body(containsString("NianbaoReport"));
    }
}
