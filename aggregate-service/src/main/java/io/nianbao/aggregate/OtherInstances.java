package io.nianbao.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.json.ReportJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks another aggregate-service instance for its part of a query (its /local endpoint). */
final class OtherInstances {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OtherInstances() {
    }

    /** GET http://host/path as JSON; an instance that does not answer with 200 makes the whole query unavailable. */
    static JsonNode get(String host, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("instance " + host + " answered " + r.statusCode());
            return ReportJson.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("instance " + host + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
