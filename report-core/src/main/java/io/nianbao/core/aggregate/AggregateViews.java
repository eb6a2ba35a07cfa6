package io.nianbao.core.aggregate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.ReviewBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** How aggregates are shown: JSON in the shape of report-format.md, CSV, and the national roll-up. */
public final class AggregateViews {

    private AggregateViews() {
    }

    public static ObjectNode json(ProvinceTotals t) {
        ObjectNode o = summary(t);
        o.set("applications", ReportJson.sums(t.applications));
        o.set("reviewLitigation", ReportJson.sums(t.reviewLitigation));
        o.set("activeDisclosure", ReportJson.sums(t.activeDisclosure));
        return o;
    }

    /** A bucket without its cell sums: counts, statuses, rates and findings per rule (what an overview shows). */
    public static ObjectNode summary(ProvinceTotals t) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("province", t.province);
        if (t.reportYear == null) o.putNull("reportYear");
        else o.put("reportYear", t.reportYear);
        o.put("reports", t.reports);
        ObjectNode byStatus = o.putObject("reportsByStatus");
        t.reportsByStatus.forEach(byStatus::put);
        o.set("disclosureRate", ReportJson.number(t.disclosureRate()));
        o.set("reviewCorrectionRate", ReportJson.number(t.reviewCorrectionRate()));
        o.set("litigationCorrectionRate", ReportJson.number(t.litigationCorrectionRate()));
        ObjectNode byRule = o.putObject("findingsByRule");
        t.findingsByRule.forEach(byRule::put);
        return o;
    }

    public static ArrayNode json(List<ProvinceTotals> all) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        sorted(all).forEach(t -> array.add(json(t)));
        return array;
    }

    public static ArrayNode summaries(List<ProvinceTotals> all) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        sorted(all).forEach(t -> array.add(summary(t)));
        return array;
    }

    /** The provinces of each year summed into one row per year (province null = the whole country). */
    public static List<ProvinceTotals> national(List<ProvinceTotals> all) {
        Map<Integer, ProvinceTotals> byYear = new java.util.TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (ProvinceTotals t : all) {
            ProvinceTotals n = byYear.computeIfAbsent(t.reportYear, y -> ProvinceTotals.empty(null, y));
            n.reports += t.reports;
            t.reportsByStatus.forEach((k, v) -> n.reportsByStatus.merge(k, v, Long::sum));
            t.findingsByRule.forEach((k, v) -> n.findingsByRule.merge(k, v, Long::sum));
            mergeInto(n.applications, t.applications);
            mergeInto(n.reviewLitigation, t.reviewLitigation);
            mergeInto(n.activeDisclosure, t.activeDisclosure);
        }
        return new ArrayList<>(byYear.values());
    }

    private static void mergeInto(Map<String, Map<String, Double>> into, Map<String, Map<String, Double>> from) {
        from.forEach((row, cells) -> cells.forEach((c, v) -> into.computeIfAbsent(row, r -> new java.util.LinkedHashMap<>()).merge(c, v, Double::sum)));
    }

    public static List<ProvinceTotals> sorted(List<ProvinceTotals> all) {
        List<ProvinceTotals> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing((ProvinceTotals t) -> t.reportYear, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(t -> t.province, Comparator.nullsLast(Comparator.naturalOrder())));
        return copy;
    }

    /** One line per (province, year): counts, rates and the 总计 column of every section 三 row, then section 四 totals. */
    public static String csv(List<ProvinceTotals> all) {
        StringBuilder sb = new StringBuilder("province,reportYear,reports,valid,warnings,invalid,disclosureRate,reviewCorrectionRate,litigationCorrectionRate");
        List<ApplicationRow> rows = List.of(ApplicationRow.values());
        for (ApplicationRow row : rows) sb.append(",applications.").append(row.path()).append(".total");
        for (ReviewBlock block : ReviewBlock.ALL) for (ReviewBlock.Column c : ReviewBlock.Column.ALL) sb.append(",reviewLitigation.").append(block.id()).append('.').append(c.id());
        sb.append('\n');
        for (ProvinceTotals t : sorted(all)) {
            sb.append(csvText(t.province)).append(',').append(t.reportYear == null ? "" : t.reportYear).append(',').append(t.reports);
            for (String status : List.of("valid", "warnings", "invalid")) sb.append(',').append(t.reportsByStatus.getOrDefault(status, 0L));
            sb.append(',').append(num(t.disclosureRate())).append(',').append(num(t.reviewCorrectionRate())).append(',').append(num(t.litigationCorrectionRate()));
            for (ApplicationRow row : rows) sb.append(',').append(num(cell(t.applications, row.path(), ApplicantColumn.TOTAL.id())));
            for (ReviewBlock block : ReviewBlock.ALL) for (ReviewBlock.Column c : ReviewBlock.Column.ALL) sb.append(',').append(num(cell(t.reviewLitigation, block.id(), c.id())));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static Double cell(Map<String, Map<String, Double>> table, String row, String column) {
        Map<String, Double> cells = table.get(row);
        return cells == null ? null : cells.get(column);
    }

    private static String num(Double v) {
        if (v == null) return "";
        return v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a report's text as a formula. */
    private static String csvText(String s) {
        if (s == null) return "";
        String v = s.matches("^[=+\\-@].*") ? "'" + s : s;
        return v.matches(".*[\",\\n\\r].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
