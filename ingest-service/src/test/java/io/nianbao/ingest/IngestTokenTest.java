package io.nianbao.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestSamples;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a token configured, ingest answers 401 with a reason to a request without it, and takes the report with it. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
@TestProfile(IngestTokenTest.WithToken.class)
class IngestTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nianbao.ingest.token", "s3cret-token");
        }
    }

    @Test
    void aTokenIsRequiredWhenConfigured() throws Exception {
        byte[] body = Files.readAllBytes(TestSamples.dir().resolve("002_1d0c304c5194360b.txt"));
        given().contentType("text/plain; charset=UTF-8").body(body).post("/api/reports")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("error", containsString("requires a token"));
        given().contentType("text/plain; charset=UTF-8").header("Authorization", "Bearer wrong").body(body).post("/api/reports")
                .then().statusCode(401).body("status", equalTo(401)).body("error", containsString("not the one"));
        given().contentType("text/plain; charset=UTF-8").header("Authorization", "Bearer s3cret-token").body(body).post("/api/reports")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(202), equalTo(200)));
        // health stays open
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void withoutATokenNothingIsRequired() {
        assertThat(IngestToken.refusal(null, null)).isNull();
        assertThat(IngestToken.refusal("", "Bearer x")).isNull();
        assertThat(IngestToken.refusal("t", "Basic dDp0")).contains("not a Bearer");
        assertThat(IngestToken.refusal("t", "bearer t")).isNull();
    }
}
