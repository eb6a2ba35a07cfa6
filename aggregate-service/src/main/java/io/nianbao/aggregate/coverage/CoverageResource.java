package io.nianbao.aggregate.coverage;

import io.nianbao.contracts.QueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Who has and has not published, for the dashboard: ingest-service's watcher knows (GET /api/coverage
 * there); this passes the question on as it is, so the page asks one origin and ingest's answer is not
 * restated here.
 */
@Path("/api/coverage")
public class CoverageResource {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ConfigProperty(name = "nianbao.ingest.url")
    String ingestUrl;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "ingest-service's coverage of the publishers it follows (published, missing, late per source and province), passed on",
            description = "the same query (year, format=csv) and answer as ingest's GET /api/coverage")
    public Response coverage(@Parameter(description = "the report year (default: ingest's, last year)", schema = @Schema(type = SchemaType.INTEGER))
                             @QueryParam("year") String yearParam,
                             @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        Integer year = QueryParameters.wholeNumber("year", yearParam);
        StringBuilder query = new StringBuilder();
        if (year != null) query.append("year=").append(year);
        if (format != null) query.append(query.isEmpty() ? "" : "&").append("format=").append(URLEncoder.encode(format, StandardCharsets.UTF_8));
        URI uri = URI.create(ingestUrl.replaceAll("/+$", "") + "/api/coverage" + (query.isEmpty() ? "" : "?" + query));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
            if (accept != null) request.header("Accept", accept);
            HttpResponse<byte[]> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return Response.status(r.statusCode()).entity(r.body())
                    .type(r.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON)).build();
        } catch (IOException e) {
            return unavailable("ingest-service (" + ingestUrl + ") did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    private static Response unavailable(String message) {
        return Response.status(502).type(MediaType.APPLICATION_JSON).entity(Map.of("status", 502, "error", message)).build();
    }
}
