package io.nianbao.core.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.DisclosureColumn;
import io.nianbao.core.template.DisclosureRow;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.template.Template;
import io.nianbao.core.validate.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One report as a person reads it: its three tables in template order with their Chinese labels, each
 * cell as printed and as read, and every finding with the cells it is about. The dashboard's drill-down
 * and the publishers' checker show the same view, so a finding looks the same in both.
 */
public final class ReportView {

    public static final String ACTIVE_DISCLOSURE = "activeDisclosure";
    public static final String APPLICATIONS = "applications";
    public static final String REVIEW_LITIGATION = "reviewLitigation";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportView() {
    }

    /** A column or row of a section: its canonical id and its label. */
    private record Labelled(String id, String label) {
    }

    public static ObjectNode of(ParsedReport r, String status, List<Finding> findings) {
        ObjectNode o = ReportJson.metadata(r);
        o.put("status", status);
        ArrayNode warnings = o.putArray("warnings");
        r.warnings().forEach(warnings::add);
        ArrayNode list = o.putArray("findings");
        for (Finding f : findings) list.add(finding(f));
        ArrayNode sections = o.putArray("sections");
        sections.add(section(ACTIVE_DISCLOSURE, "二、主动公开政府信息情况", disclosureRows(r), disclosureColumns(r.activeDisclosure()), r.activeDisclosure()));
        sections.add(section(APPLICATIONS, "三、收到和处理政府信息公开申请情况", applicationRows(r),
                ApplicantColumn.ALL.stream().map(c -> new Labelled(c.id(), c.label())).toList(), r.applications()));
        sections.add(section(REVIEW_LITIGATION, "四、政府信息公开行政复议、行政诉讼情况",
                ReviewBlock.ALL.stream().map(b -> new Labelled(b.id(), b.label())).toList(),
                ReviewBlock.Column.ALL.stream().map(c -> new Labelled(c.id(), c.label())).toList(), r.reviewLitigation()));
        return o;
    }

    /** A finding with the cells it is about ({section, row, column}); the first is where the page points. */
    static ObjectNode finding(Finding f) {
        ObjectNode o = NODES.objectNode();
        o.put("id", f.id());
        o.put("rule", f.rule());
        o.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
        o.put("section", f.section());
        o.put("row", f.row());
        o.put("column", f.column());
        o.put("expected", f.expected());
        o.put("actual", f.actual());
        o.put("messageZh", f.messageZh());
        o.put("messageEn", f.messageEn());
        ArrayNode cells = o.putArray("cells");
        for (String row : rowsOf(f)) {
            if (f.column() == null) continue;
            cells.addObject().put("section", f.section()).put("row", row).put("column", f.column());
        }
        return o;
    }

    /** A finding names its row, except APP_BALANCE, which is about four rows of one column. */
    private static List<String> rowsOf(Finding f) {
        if (f.row() != null) return List.of(f.row());
        if ("APP_BALANCE".equals(f.rule())) {
            return List.of(ApplicationRow.NEW_RECEIVED.path(), ApplicationRow.CARRIED_OVER.path(), ApplicationRow.RESULTS_TOTAL.path(),
                    ApplicationRow.CARRIED_FORWARD.path());
        }
        return List.of();
    }

    private static ObjectNode section(String id, String label, List<Labelled> rows, List<Labelled> columns, Table table) {
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.put("label", label);
        o.put("found", !table.isEmpty());
        ArrayNode cols = o.putArray("columns");
        for (Labelled c : columns) cols.addObject().put("id", c.id()).put("label", c.label());
        ArrayNode out = o.putArray("rows");
        // the template's rows first, then any row the reader found that the template does not name
        Map<String, String> ordered = new LinkedHashMap<>();
        rows.forEach(row -> ordered.put(row.id(), row.label()));
        table.rows().keySet().forEach(row -> ordered.putIfAbsent(row, row));
        ordered.forEach((row, rowLabel) -> {
            ObjectNode r = out.addObject().put("row", row).put("label", rowLabel);
            ObjectNode cells = r.putObject("cells");
            Map<String, Cell> read = table.rows().getOrDefault(row, Map.of());
            read.forEach((column, cell) -> cells.putObject(column).put("raw", cell.raw()).set("value", ReportJson.number(cell.value())));
        });
        return o;
    }

    private static List<Labelled> applicationRows(ParsedReport r) {
        Template template = r.applicationsTemplate() != null ? r.applicationsTemplate() : r.template();
        List<Labelled> rows = new ArrayList<>();
        for (ApplicationRow row : ApplicationRow.rowsOf(template)) {
            String label = row.groupLabel() == null ? row.label() : row.groupLabel() + " " + row.label();
            rows.add(new Labelled(row.path(), label));
        }
        return rows;
    }

    private static List<Labelled> disclosureRows(ParsedReport r) {
        Template template = r.activeDisclosureTemplate() != null ? r.activeDisclosureTemplate() : r.template();
        return DisclosureRow.rowsOf(template).stream().map(row -> new Labelled(row.id(), row.label())).toList();
    }

    /** Section 二's rows have columns of their own: the columns any row has, in the template's order. */
    private static List<Labelled> disclosureColumns(Table table) {
        Set<String> present = new LinkedHashSet<>();
        table.rows().values().forEach(cells -> present.addAll(cells.keySet()));
        List<Labelled> out = new ArrayList<>();
        for (DisclosureColumn c : DisclosureColumn.values()) if (present.remove(c.id())) out.add(new Labelled(c.id(), c.label()));
        present.forEach(c -> out.add(new Labelled(c, c)));
        return out;
    }
}
