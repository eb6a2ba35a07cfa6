package io.nianbao.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.Template;
import java.util.Map;

/** The JSON shape of report-format.md: nested by the canonical row paths, a missing cell as null. */
public final class ReportJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportJson() {
    }

    /** The parse of one report; with {@code raw}, every cell is {"value": …, "raw": "…"}. */
    public static ObjectNode parsed(ParsedReport r, boolean raw) {
        ObjectNode o = metadata(r);
        ArrayNode hinted = o.putArray("hintedFields");
        r.hintedFields().forEach(hinted::add);
        o.set("activeDisclosure", table(r.activeDisclosure(), raw));
        o.set("applications", table(r.applications(), raw));
        o.set("reviewLitigation", table(r.reviewLitigation(), raw));
        ObjectNode narrative = o.putObject("narrativeFigures");
        r.narrativeFigures().forEach((k, v) -> narrative.set(k, number(v)));
        ArrayNode warnings = o.putArray("warnings");
        r.warnings().forEach(warnings::add);
        ObjectNode readings = o.putObject("readings");
        r.readings().forEach(readings::put);
        return o;
    }

    /** Who published the report, for which year and place, with which template: the first fields of {@link #parsed}. */
    public static ObjectNode metadata(ParsedReport r) {
        ObjectNode o = NODES.objectNode();
        o.put("reportId", r.reportId());
        o.put("issuer", r.issuer());
        o.put("region", r.region());
        o.put("province", r.province());
        o.put("divisionCode", r.divisionCode());
        if (r.reportYear() == null) o.putNull("reportYear");
        else o.put("reportYear", r.reportYear());
        o.put("template", id(r.template()));
        o.put("publishedDate", r.publishedDate());
        o.put("documentNumber", r.documentNumber());
        return o;
    }

    /** A table nested by its row paths: results.withheld.stateSecret → {"results": {"withheld": {"stateSecret": {…}}}}. */
    public static ObjectNode table(Table table, boolean raw) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, Map<String, Cell>> row : table.rows().entrySet()) {
            ObjectNode node = root;
            for (String part : row.getKey().split("\\.")) {
                JsonNode child = node.get(part);
                node = child instanceof ObjectNode existing ? existing : node.putObject(part);
            }
            for (Map.Entry<String, Cell> cell : row.getValue().entrySet()) {
                node.set(cell.getKey(), raw ? rawCell(cell.getValue()) : number(cell.getValue().value()));
            }
        }
        return root;
    }

    /** Sums (row path → column → number) in the same nested shape as a report's table. */
    public static ObjectNode sums(Map<String, Map<String, Double>> table) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, Map<String, Double>> row : table.entrySet()) {
            ObjectNode node = root;
            for (String part : row.getKey().split("\\.")) {
                JsonNode child = node.get(part);
                node = child instanceof ObjectNode existing ? existing : node.putObject(part);
            }
            for (Map.Entry<String, Double> cell : row.getValue().entrySet()) node.set(cell.getKey(), number(cell.getValue()));
        }
        return root;
    }

    private static JsonNode rawCell(Cell cell) {
        ObjectNode o = NODES.objectNode();
        o.set("value", number(cell.value()));
        o.put("raw", cell.raw());
        return o;
    }

    public static JsonNode number(Double v) {
        if (v == null) return NODES.nullNode();
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return NODES.numberNode(v.longValue());
        return NODES.numberNode(v);
    }

    private static String id(Template t) {
        return t == null ? null : t.id();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
