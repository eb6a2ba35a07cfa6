package io.nianbao.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.RawReport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
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
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

@Path("/api/reports")
public class IngestResource {

    private final ReportIntake intake;
    private final RecentIds recent;
    private final MeterRegistry metrics;

    @Inject
    @Channel(Topics.RAW_CHANNEL)
    MutinyEmitter<RawReport> raw;

    @Inject
    public IngestResource(@ConfigProperty(name = "nianbao.ingest.max-bytes") long maxBytes,
                          @ConfigProperty(name = "nianbao.ingest.duplicate-memory") int duplicateMemory,
                          MeterRegistry metrics) {
        this.intake = new ReportIntake(maxBytes);
        this.recent = new RecentIds(duplicateMemory);
        this.metrics = metrics;
    }

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
                                        + "source URL, or the id ingest answered for it. A version at the same source URL replaces the earlier "
                                        + "one without it.") @QueryParam("supersedes") String supersedes) {
        ReportIntake.Accepted accepted;
        Integer yearHint;
        try {
            yearHint = yearHint(year);
            accepted = intake.accept(body, contentType);
        } catch (ReportIntake.Rejection r) {
            metrics.counter("nianbao.ingest.rejected", "status", Integer.toString(r.status())).increment();
            return Uni.createFrom().item(error(r.status(), r.getMessage()));
        }
        if (!recent.add(accepted.id())) {
            metrics.counter("nianbao.ingest.duplicates").increment();
            return Uni.createFrom().item(Response.ok(result(accepted, true)).build());
        }
        RawReport report = RawReport.newBuilder()
                .setId(accepted.id())
                .setReceivedAt(Instant.now())
                .setContentType(accepted.mediaType())
                .setCharset(accepted.charsetName())
                .setBody(ByteBuffer.wrap(body))
                .setSourceUrl(sourceUrl)
                .setPublisherHint(publisher)
                .setYearHint(yearHint)
                .setFileName(fileName)
                .setSupersedes(supersedes == null || supersedes.isBlank() ? null : supersedes.strip())
                .build();
        Message<RawReport> message = Message.of(report)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(accepted.id()).build());
        return raw.sendMessage(message)
                .map(ignored -> {
                    metrics.counter("nianbao.ingest.accepted").increment();
                    return Response.accepted(result(accepted, false)).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    recent.forget(accepted.id());
                    return error(503, "could not publish to " + Topics.RAW.name() + ": " + failure.getMessage());
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
