package io.nianbao.ingest.follow;

import io.nianbao.contracts.QueryParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Who has published a report for a year, who has not, who was late: per source and per province. */
@Path("/api/coverage")
public class CoverageResource {

    @Inject
    FollowService service;

    private final Coverage coverage = new Coverage();

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Coverage of a report year: per source and per province, the publishers with a report, without one, and late (after 31 January of the next year)")
    public Response get(@Parameter(description = "the report year (default: last year)", schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("year") String yearParam,
                        @Parameter(description = "csv for CSV (UTF-8 with a BOM); also Accept: text/csv") @QueryParam("format") String format,
                        @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Integer year = QueryParameters.wholeNumber("year", yearParam);
        FollowWatcher w = service.watcher();
        if (w == null) return SourcesResource.error(503, "the watcher is not running");
        int y = year == null ? java.time.LocalDate.now().getYear() - 1 : year;
        if (y < 2008 || y > 2100) return SourcesResource.error(400, "year " + y + " is not a report year (2008 or later)");
        Coverage.Report report = coverage.of(y, w.sources().values(), w.pages().values());
        boolean csv = "csv".equalsIgnoreCase(format) || format == null && accept != null && accept.contains("text/csv") && !accept.contains("json");
        if (csv) {
            return Response.ok(Coverage.csv(report).getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"coverage-" + y + ".csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }
}
