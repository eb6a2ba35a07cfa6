package io.nianbao.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.contracts.Registry;
import io.nianbao.contracts.avro.RawReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The real registry, with the BACKWARD rule nianbao sets, refuses a schema change that breaks old data. */
class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusesAnIncompatibleChangeAndAcceptsACompatibleOne() throws Exception {
        String api = Registry.apiUrl(TestRegistry.url());
        String artifact = "compat-" + System.nanoTime();
        String v1 = RawReport.getClassSchema().toString();

        ObjectNode create = JSON.createObjectNode().put("artifactId", artifact).put("artifactType", "AVRO");
        create.putObject("firstVersion").putObject("content").put("content", v1).put("contentType", "application/json");
        assertThat(post(api + "/groups/default/artifacts", create).statusCode()).isEqualTo(200);

        // a new required field: the new schema cannot read records written with v1
        ObjectNode incompatible = (ObjectNode) JSON.readTree(v1);
        ((ArrayNode) incompatible.get("fields")).addObject().put("name", "mandatory").put("type", "string");
        HttpResponse<String> refused = post(api + "/groups/default/artifacts/" + artifact + "/versions", version(incompatible.toString()));
        assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 409);
        assertThat(refused.body()).contains("Incompatible artifact");

        // a new optional field with a default is a compatible evolution
        ObjectNode compatible = (ObjectNode) JSON.readTree(v1);
        ObjectNode field = ((ArrayNode) compatible.get("fields")).addObject().put("name", "optional");
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        HttpResponse<String> accepted = post(api + "/groups/default/artifacts/" + artifact + "/versions", version(compatible.toString()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    private static ObjectNode version(String schema) {
        ObjectNode v = JSON.createObjectNode();
        v.putObject("content").put("content", schema).put("contentType", "application/json");
        return v;
    }

    private HttpResponse<String> post(String url, ObjectNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
