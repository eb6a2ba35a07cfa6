package io.nianbao.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.aggregate.ProvinceTotals;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads back the JSON of {@code AggregateViews.json} (what another instance answers). */
final class AggregateJson {

    private AggregateJson() {
    }

    static ProvinceTotals totals(JsonNode n) {
        ProvinceTotals t = ProvinceTotals.empty(n.path("province").isNull() ? null : n.path("province").asText(),
                n.path("reportYear").isNull() ? null : n.path("reportYear").asInt());
        t.reports = n.path("reports").asLong();
        n.path("reportsByStatus").fields().forEachRemaining(e -> t.reportsByStatus.put(e.getKey(), e.getValue().asLong()));
        n.path("findingsByRule").fields().forEachRemaining(e -> t.findingsByRule.put(e.getKey(), e.getValue().asLong()));
        flatten(n.path("applications"), "", t.applications);
        flatten(n.path("reviewLitigation"), "", t.reviewLitigation);
        flatten(n.path("activeDisclosure"), "", t.activeDisclosure);
        return t;
    }

    /** Nested rows back to row paths: numbers are cells of the row at this level, objects are deeper rows. */
    private static void flatten(JsonNode node, String path, Map<String, Map<String, Double>> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), into);
            else if (e.getValue().isNumber()) into.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(e.getKey(), e.getValue().asDouble());
        }
    }
}
