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
        // how long a warm check takes is printed, not asserted: the shared test machine's load decides it
        long started = System.nanoTime();
        given().contentType("application/pdf").body(pdf).post("/api/check?fileName=001.pdf").then().statusCode(200);
        System.out.printf("a warm check of the real 5-page PDF took %.2f s%n", (System.nanoTime() - started) / 1e9);
        given().contentType("text/plain").body(new byte[CheckResource.MAX_BYTES + 1]).post("/api/check").then().statusCode(413)
                .body("error", containsString("takes up to"));
        given().contentType("text/plain").body(new byte[0]).post("/api/check").then().statusCode(422).body("error", containsString("empty"));
        given().get("/check/").then().statusCode(200).body(containsString("年报自查"));
        given().get("/report-tables.js").then().statusCode(200).body(containsString("NianbaoReport"));
    }
}
