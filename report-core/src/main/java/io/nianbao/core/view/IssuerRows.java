package io.nianbao.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The issuers of one (province, report year), one row per report identity: what the province level of
 * the drill-down lists. {@link #add} and {@link #remove} are inverses, so a table aggregate can replace a
 * report by its correction (subtract, then add) without listing it twice.
 */
public final class IssuerRows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IssuerRows() {
    }

    /** The row of one report (no table cells: the report level has those). */
    public static ObjectNode row(String identity, ParsedReport r, String status, List<Finding> findings, String sourceUrl, Instant receivedAt) {
        ObjectNode o = NODES.objectNode();
        o.put("identity", identity);
        o.put("issuer", r.issuer());
        o.put("region", r.region());
        o.put("province", r.province());
        if (r.reportYear() == null) o.putNull("reportYear");
        else o.put("reportYear", r.reportYear());
        o.put("status", status);
        o.put("findings", ReportDetail.counted(findings));
        o.put("errors", findings.stream().filter(f -> f.severity() == Severity.ERROR).count());
        o.put("publishedDate", r.publishedDate());
        o.put("sourceUrl", sourceUrl);
        o.put("receivedAt", receivedAt == null ? null : receivedAt.toString());
        return o;
    }

    public static ObjectNode empty() {
        return NODES.objectNode();
    }

    /** rows (identity → row) with this row put in, replacing the identity's earlier row. */
    public static ObjectNode add(ObjectNode rows, JsonNode row) {
        ObjectNode out = rows.deepCopy();
        out.set(row.path("identity").asText(), row);
        return out;
    }

    /** rows without the identity of this row. */
    public static ObjectNode remove(ObjectNode rows, JsonNode row) {
        ObjectNode out = rows.deepCopy();
        out.remove(row.path("identity").asText());
        return out;
    }

    /** The rows as a list, by issuer (unknown issuers last), then identity. */
    public static ArrayNode list(JsonNode rows) {
        List<JsonNode> all = new ArrayList<>();
        for (Iterator<JsonNode> it = rows.elements(); it.hasNext(); ) all.add(it.next());
        all.sort(Comparator.comparing((JsonNode n) -> n.path("issuer").isNull() ? null : n.path("issuer").asText(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(n -> n.path("identity").asText()));
        ArrayNode out = NODES.arrayNode();
        all.forEach(out::add);
        return out;
    }
}
