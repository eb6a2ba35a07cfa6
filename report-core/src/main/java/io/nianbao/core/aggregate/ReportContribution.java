package io.nianbao.core.aggregate;

import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.validate.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one validated report adds to its province's aggregate (and takes away when a correction replaces it). */
public record ReportContribution(
        String province,
        Integer reportYear,
        String status,
        Map<String, Map<String, Double>> activeDisclosure,
        Map<String, Map<String, Double>> applications,
        Map<String, Map<String, Double>> reviewLitigation,
        Map<String, Long> findingsByRule) {

    public static ReportContribution of(ParsedReport report, String status, List<Finding> findings) {
        Map<String, Long> byRule = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.severity() != io.nianbao.core.validate.Severity.INFO) byRule.merge(f.rule(), 1L, Long::sum);
        }
        return new ReportContribution(report.province(), report.reportYear(), status,
                values(report.activeDisclosure()), values(report.applications()), values(report.reviewLitigation()), byRule);
    }

    /** Present values only: a missing cell adds nothing (and is not a zero). */
    static Map<String, Map<String, Double>> values(Table table) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Cell>> row : table.rows().entrySet()) {
            for (Map.Entry<String, Cell> cell : row.getValue().entrySet()) {
                if (cell.getValue().value() != null) {
                    out.computeIfAbsent(row.getKey(), r -> new LinkedHashMap<>()).put(cell.getKey(), cell.getValue().value());
                }
            }
        }
        return out;
    }
}
