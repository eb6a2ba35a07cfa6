package io.nianbao.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.contracts.QueryParameters;
import io.nianbao.core.aggregate.AggregateViews;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.json.ReportJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Live aggregates per province and report year, read through interactive queries. With several
 * instances each holds some partitions: a query gathers the other instances' parts over HTTP.
 */
@Path("/api/aggregates")
public class AggregatesResource {

    @Inject
    AggregateStore store;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Aggregates per province and report year",
            description = "province or reportYear null is the unknown bucket. Accept: text/csv gives one line per bucket. "
                    + "view=summary leaves out the cell sums (counts, statuses, rates and findings per rule only).")
    public Response all(@Parameter(description = "only this report year", schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("year") String yearParam,
                        @Parameter(description = "summary: without the cell sums") @QueryParam("view") String view,
                        @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        Integer year = QueryParameters.wholeNumber("year", yearParam);
        List<ProvinceTotals> all;
        try {
            all = gather();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return unavailable(e);
        }
        if (year != null) all = all.stream().filter(t -> year.equals(t.reportYear)).toList();
        if (accept != null && accept.contains("text/csv")) {
            return Response.ok(AggregateViews.csv(all), "text/csv; charset=UTF-8").build();
        }
        boolean summary = "summary".equals(view);
        return Response.ok(ReportJson.write(summary ? AggregateViews.summaries(all) : AggregateViews.json(all)), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/national")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The national roll-up: every province of a report year summed")
    public Response national(@Parameter(description = "only this report year", schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("year") String yearParam,
                             @Parameter(description = "summary: without the cell sums") @QueryParam("view") String view) {
        Integer year = QueryParameters.wholeNumber("year", yearParam);
        try {
            List<ProvinceTotals> all = gather();
            if (year != null) all = all.stream().filter(t -> year.equals(t.reportYear)).toList();
            List<ProvinceTotals> national = AggregateViews.national(all);
            return Response.ok(ReportJson.write("summary".equals(view) ? AggregateViews.summaries(national) : AggregateViews.json(national)),
                    MediaType.APPLICATION_JSON).build();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return unavailable(e);
        }
    }

    /** This instance's part only; other instances call it. */
    @GET
    @Path("/local")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This instance's part of the aggregates (used between instances)")
    public Response local() {
        try {
            return Response.ok(ReportJson.write(AggregateViews.json(store.local())), MediaType.APPLICATION_JSON).build();
        } catch (InvalidStateStoreException e) {
            return unavailable(e);
        }
    }

    private List<ProvinceTotals> gather() {
        List<ProvinceTotals> all = new ArrayList<>(store.local());
        for (String host : store.otherInstances()) all.addAll(remote(host));
        return all;
    }

    private static List<ProvinceTotals> remote(String host) {
        List<ProvinceTotals> out = new ArrayList<>();
        for (JsonNode n : OtherInstances.get(host, "/api/aggregates/local")) out.add(AggregateJson.totals(n));
        return out;
    }

    private static Response unavailable(Exception e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", 503, "error", "aggregates are not queryable right now (the stream is starting or rebalancing): " + e.getMessage()))
                .build();
    }
}
