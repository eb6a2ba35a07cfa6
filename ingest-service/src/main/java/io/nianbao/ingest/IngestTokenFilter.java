package io.nianbao.ingest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** POST /api/reports (and POST or DELETE /api/sources) answers 401 with a reason when ingest was given a token and the request lacks it. */
public class IngestTokenFilter {

    @ConfigProperty(name = "nianbao.ingest.token")
    Optional<String> token;

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean reports = "POST".equals(request.getMethod()) && path.startsWith("/api/reports");
        // changing the sources the watcher follows takes the same token
        boolean sources = ("POST".equals(request.getMethod()) || "DELETE".equals(request.getMethod())) && path.startsWith("/api/sources");
        if (!reports && !sources) return Optional.empty();
        String refusal = IngestToken.refusal(token.orElse(null), request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal == null) return Optional.empty();
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON).entity(Map.of("status", 401, "error", refusal)).build());
    }
}
