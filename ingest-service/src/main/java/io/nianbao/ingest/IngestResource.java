package io.nianbao.ingest;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/reports")
public class IngestResource {

    @Inject
    ReportIngestor ingestor;

    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.TEXT_HTML, MediaType.APPLICATION_OCTET_STREAM, "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest one report", description = "The body is the report as published: text or HTML (charset from the "
            + "Content-Type; detected when the declared one is clearly wrong; a few damaged bytes are accepted with a warning), PDF, "
            + "Word (.docx, .doc), or application/octet-stream told apart by its magic bytes. It is published unchanged on reports.raw, "
            + "keyed by a hash of its bytes.")
    @APIResponse(responseCode = "202", description = "published; the body holds the report id")
    @APIResponse(responseCode = "200", description = "the same bytes were ingested already; same id, not published again")
    @APIResponse(responseCode = "400", description = "empty body, bytes that are not text, a document whose bytes are not what its Content-Type says, or a bad parameter")
    @APIResponse(responseCode = "413", description = "body over nianbao.ingest.max-bytes")
    @APIResponse(responseCode = "415", description = "unknown charset or media type")
    public Uni<Response> ingest(byte[] body,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @Parameter(description = "where the report was published") @QueryParam("sourceUrl") String sourceUrl,
                                @Parameter(description = "the issuing organ, when the text may not say") @QueryParam("publisher") String publisher,
                                @Parameter(description = "the report year, when the text may not say") @QueryParam("year") String year,
                                @Parameter(description = "the file the report came from") @QueryParam("fileName") String fileName,
                                @Parameter(description = "the earlier version this one replaces, when its source URL differs: that version's "
                                        + "source URL, or, when it was ingested without one, the id ingest answered for it. A version at the same "
                                        + "source URL replaces the earlier one without it.") @QueryParam("supersedes") String supersedes) {
        Integer yearHint;
        try {
            yearHint = yearHint(year);
        } catch (ReportIntake.Rejection r) {
            ReportIngestor.Result refused = ingestor.rejected(r);
            return Uni.createFrom().item(error(refused.rejection().status(), r.getMessage()));
        }
        return ingestor.ingest(body, contentType, sourceUrl, publisher, yearHint, fileName, supersedes).map(r -> {
            if (r.rejection() != null) return error(r.rejection().status(), r.rejection().getMessage());
            if (r.unpublished() != null) return error(503, r.unpublished());
            if (r.duplicate()) return Response.ok(result(r.accepted(), true)).build();
            return Response.accepted(result(r.accepted(), false)).build();
        });
    }

    private static Integer yearHint(String year) throws ReportIntake.Rejection {
        if (year == null || year.isBlank()) return null;
        try {
            int y = Integer.parseInt(year.strip());
            if (y < 2008 || y > 2100) throw new ReportIntake.Rejection(400, "year " + y + " is not a report year (2008 or later)");
            return y;
        } catch (NumberFormatException e) {
            throw new ReportIntake.Rejection(400, "year '" + year + "' is not a number");
        }
    }

    private static Map<String, Object> result(ReportIntake.Accepted a, boolean duplicate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("duplicate", duplicate);
        body.put("charset", a.charsetName());
        body.put("contentType", a.mediaType());
        body.put("format", a.format().name());
        if (!a.warnings().isEmpty()) body.put("warnings", a.warnings());
        return body;
    }

    static Response error(int status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "error", reason)).build();
    }
}
