package io.nianbao.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.aggregate.drilldown.DrillDownTopology;
import io.nianbao.aggregate.drilldown.KeyOwner;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.view.IssuerRows;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The drill-down: a province's issuers for a year, and one report as read. Each question is answered by
 * the instance that holds its key (province|year, or the identity); another instance forwards it there.
 */
@Path("/api")
public class DrillDownResource {

    @Inject
    KeyOwner owner;

    @GET
    @Path("/provinces/{province}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A province's issuers for a report year: identity, issuer, region, status, findings, errors, publishedDate, sourceUrl, receivedAt",
            description = "province 'unknown' and year 'unknown' are the unknown buckets")
    public Response province(@PathParam("province") String province, @Parameter(description = "report year, or unknown") @QueryParam("year") String year) {
        return answer(() -> {
            String key = provinceKey(province, year);
            KeyOwner.Location where = owner.locate(DrillDownTopology.PROVINCE_ISSUERS_STORE, key, DrillDownTopology.BY_BUCKET);
            JsonNode rows = where.remote().isPresent()
                    ? OtherInstances.get(where.remote().get(), "/api/provinces/" + encode(province) + "/local?year=" + encode(year))
                    : localProvince(key, where.partition());
            ObjectNode o = ReportJson.MAPPER.createObjectNode();
            o.put("province", province);
            o.put("reportYear", year);
            o.set("issuers", rows);
            return Response.ok(ReportJson.write(o), MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    @Path("/provinces/{province}/local")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This instance's issuers of a province and year (used between instances)")
    public Response provinceHere(@PathParam("province") String province, @QueryParam("year") String year) {
        return answer(() -> {
            String key = provinceKey(province, year);
            return Response.ok(ReportJson.write(localProvince(key, owner.locate(DrillDownTopology.PROVINCE_ISSUERS_STORE, key, DrillDownTopology.BY_BUCKET).partition())),
                    MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    @Path("/reports/{identity}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One report's latest version as read: metadata, the three tables (each cell raw and value), findings with their cells, warnings, versions")
    public Response report(@PathParam("identity") String identity) {
        return answer(() -> {
            Optional<String> remote = owner.locate(DrillDownTopology.REPORT_LATEST_STORE, identity).remote();
            JsonNode detail = remote.isPresent()
                    ? OtherInstances.get(remote.get(), "/api/reports/" + encode(identity) + "/local")
                    : localReport(identity);
            if (detail == null || detail.isNull()) return error(404, "no report with identity " + identity);
            return Response.ok(ReportJson.write(detail), MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    @Path("/reports/{identity}/local")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The report as kept on this instance, or null (used between instances)")
    public Response reportHere(@PathParam("identity") String identity) {
        return answer(() -> {
            JsonNode detail = localReport(identity);
            return Response.ok(detail == null ? "null" : ReportJson.write(detail), MediaType.APPLICATION_JSON).build();
        });
    }

    /** The bucket's rows, one store entry each, from the partition that holds them; sorted as {@link IssuerRows#list} sorts. */
    private JsonNode localProvince(String bucket, int partition) {
        ArrayNode rows = ReportJson.MAPPER.createArrayNode();
        owner.localPrefix(DrillDownTopology.PROVINCE_ISSUERS_STORE, partition, DrillDownTopology.bucketPrefix(bucket))
                .forEach(row -> rows.add(DrillDownTopology.read(row)));
        return IssuerRows.list(rows);
    }

    private JsonNode localReport(String identity) {
        // both stores are keyed by identity from the same topic: the same partition holds the key in each
        return DrillDownTopology.detail(identity, owner.<Read<ValidatedReportRecord>>local(DrillDownTopology.REPORT_LATEST_STORE, identity),
                owner.<String>local(DrillDownTopology.REPORT_VERSIONS_STORE, identity));
    }

    /** province|year as the aggregates are keyed; "unknown" names the unknown bucket of either. */
    static String provinceKey(String province, String year) {
        if (year == null || year.isBlank()) throw new IllegalArgumentException("year is required (a report year, or unknown)");
        Integer y = null;
        if (!year.equals("unknown")) {
            try {
                y = Integer.valueOf(year);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("year must be a report year or unknown, not " + year);
            }
        }
        return ProvinceTotals.key(province.equals("unknown") ? null : province, y);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Response answer(java.util.function.Supplier<Response> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return error(503, "not queryable right now (the stream is starting or rebalancing): " + e.getMessage());
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "error", message)).build();
    }
}
