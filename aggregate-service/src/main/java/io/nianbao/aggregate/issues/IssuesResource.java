package io.nianbao.aggregate.issues;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.contracts.QueryParameters;
import io.nianbao.core.json.ReportJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/issues")
public class IssuesResource {

    /** The most one answer holds (what the dashboard shows on load). */
    static final int MAX = 200;

    @Inject
    IssueTail tail;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest validation issues, newest first (at most 200), optionally only of a province, rule or severity",
            description = "fields as on /api/live's issue events: findingId, action, severity, rule, province, issuer, reportYear, section, row, column, "
                    + "expected, actual, messageZh, messageEn, at")
    public Response latest(@QueryParam("province") String province, @QueryParam("rule") String rule, @QueryParam("severity") String severity,
                           @Parameter(description = "at most this many (default and most: 200)", schema = @Schema(type = SchemaType.INTEGER))
                           @QueryParam("limit") String limitParam) {
        int limit = QueryParameters.wholeNumber("limit", limitParam, MAX);
        Predicate<ObjectNode> filter = i -> matches(i, "province", province) && matches(i, "rule", rule) && matches(i, "severity", severity);
        ArrayNode out = ReportJson.MAPPER.createArrayNode();
        tail.latest(filter, Math.max(0, Math.min(limit, MAX))).forEach(out::add);
        return Response.ok(ReportJson.write(out), MediaType.APPLICATION_JSON).build();
    }

    private static boolean matches(ObjectNode issue, String field, String wanted) {
        return wanted == null || wanted.isBlank() || wanted.equals(issue.path(field).asText(null));
    }
}
