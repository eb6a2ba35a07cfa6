package io.nianbao.parse.check;

import io.nianbao.core.document.UnreadableDocumentException;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.metadata.ReportHints;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The publishers' checker: a report in, the tables as read and every finding out, at once; nothing published or stored. */
@Path("/api/check")
public class CheckResource {

    private final Checker checker = new Checker();

    /** The first check loads the dictionaries, the gazetteer and PDFBox (seconds): done at start, so an office never waits for it. */
    void warmUp(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        Thread.ofVirtual().name("checker-warm-up").start(() -> {
            try {
                checker.check("二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "text/plain; charset=UTF-8", null, ReportHints.NONE);
            } catch (UnreadableDocumentException | RuntimeException e) {
                org.jboss.logging.Logger.getLogger(CheckResource.class).debugf("checker warm-up: %s", e.getMessage());
            }
        });
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a report before publishing it: HTML, text (any charset), PDF or Word in the body",
            description = "Answers the report as read (the dashboard's report view: metadata, status, warnings, findings with their cells, "
                    + "sections with each cell raw and value) plus format, pages and documentWarnings; 422 when the document cannot be read")
    public Response check(byte[] body, @HeaderParam("Content-Type") String contentType,
                          @Parameter(description = "the file's name (tells .doc from .docx when the media type does not)") @QueryParam("fileName") String fileName,
                          @Parameter(description = "the publisher, when the text does not name it") @QueryParam("publisher") String publisher,
                          @Parameter(description = "the report year, when the text does not state it") @QueryParam("year") Integer year) {
        if (body.length > MAX_BYTES) {
            return answer(413, "the report is " + body.length + " bytes; the checker takes up to " + MAX_BYTES + " (as ingest does)");
        }
        // the checker shares parse-service's heap with the pipeline: a few checks at a time, the others asked to come back
        if (!CHECKS.tryAcquire()) {
            return Response.status(503).header("Retry-After", "5").type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("status", 503, "error", "the checker is busy with other reports: try again in a few seconds")).build();
        }
        try {
            return Response.ok(ReportJson.write(checker.check(body, contentType, fileName, new ReportHints(null, publisher, year))), MediaType.APPLICATION_JSON).build();
        } catch (UnreadableDocumentException e) {
            return answer(422, e.reason());
        } catch (RuntimeException | StackOverflowError e) {
            // as the pipeline does (it dead-letters such a report with the reason): the office gets the reason, not a bare 500
            org.jboss.logging.Logger.getLogger(CheckResource.class).warnf(e, "the checker failed on a %d-byte report", body.length);
            return answer(422, "the parser failed on this document: " + e);
        } finally {
            CHECKS.release();
        }
    }

    /** Ingest's limit: what the pipeline would take is what the checker takes. */
    static final int MAX_BYTES = (int) Math.min(Integer.MAX_VALUE, io.nianbao.contracts.TopicSettings.fromEnvironment().maxIngestBytes());
    private static final java.util.concurrent.Semaphore CHECKS = new java.util.concurrent.Semaphore(2);

    private static Response answer(int status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "error", reason)).build();
    }
}
