package io.nianbao.ingest.follow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.nianbao.testsupport.PipelineTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With ingest's token configured, changing the sources takes it too; reading them does not. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
@TestProfile(SourcesTokenTest.WithToken.class)
class SourcesTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nianbao.ingest.token", "s3cret-token");
        }
    }

    @Test
    void changingTheSourcesTakesTheToken() {
        String url = "http://127.0.0.1:9/token-test/" + System.nanoTime() + "/";
        given().contentType("application/json").body(Map.of("url", url, "every", "1h")).post("/api/sources")
                .then().statusCode(401).body("error", containsString("token"));
        given().queryParam("url", url).delete("/api/sources").then().statusCode(401);
        given().contentType("text/csv").body(url + "\n").post("/api/sources/import").then().statusCode(401);
        given().get("/api/sources").then().statusCode(200);
        given().get("/api/coverage?year=2022").then().statusCode(200);
        given().header("Authorization", "Bearer s3cret-token").contentType("application/json").body(Map.of("url", url, "every", "1h"))
                .post("/api/sources").then().statusCode(201);
        given().header("Authorization", "Bearer s3cret-token").queryParam("url", url).delete("/api/sources").then().statusCode(200);
    }
}
