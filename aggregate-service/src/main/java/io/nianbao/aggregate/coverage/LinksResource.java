package io.nianbao.aggregate.coverage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Where the dashboard sends people for what other services do: the publishers' checker is parse-service's. */
@Path("/api/links")
public class LinksResource {

    @ConfigProperty(name = "nianbao.checker.url")
    String checker;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The addresses the dashboard links to: checker (parse-service's page for publishers)")
    public Map<String, String> links() {
        return Map.of("checker", checker);
    }
}
