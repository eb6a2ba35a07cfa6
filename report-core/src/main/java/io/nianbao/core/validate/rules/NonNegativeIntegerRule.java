package io.nianbao.core.validate.rules;

import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.DisclosureColumn;
import io.nianbao.core.template.ValueKind;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;
import java.util.Map;

/** NON_NEGATIVE_INTEGER: every count (sections 三 and 四, count columns of 二) is a whole number ≥ 0. */
public final class NonNegativeIntegerRule implements Rule {

    public static final String ID = "NON_NEGATIVE_INTEGER";

    @Override
    public void check(ParsedReport report, Findings findings) {
        check("applications", report.applications(), findings, false);
        check("reviewLitigation", report.reviewLitigation(), findings, false);
        check("activeDisclosure", report.activeDisclosure(), findings, true);
    }

    private static void check(String section, Table table, Findings findings, boolean byColumnKind) {
        for (Map.Entry<String, Map<String, Cell>> row : table.rows().entrySet()) {
            for (Map.Entry<String, Cell> cell : row.getValue().entrySet()) {
                if (byColumnKind && !isCount(cell.getKey())) continue;
                Double v = cell.getValue().value();
                if (v == null || (v >= 0 && v == Math.rint(v))) continue;
                findings.add(ID, Severity.ERROR, section, row.getKey(), cell.getKey(), "a whole number ≥ 0", Rule.number(v),
                        section + " " + row.getKey() + " 的 " + cell.getKey() + " 应为非负整数，实为 " + cell.getValue().raw(),
                        section + " " + row.getKey() + "." + cell.getKey() + " should be a whole number ≥ 0, the report says " + cell.getValue().raw());
            }
        }
    }

    private static boolean isCount(String columnId) {
        for (DisclosureColumn c : DisclosureColumn.values()) if (c.id().equals(columnId)) return c.kind() == ValueKind.COUNT;
        return false;
    }
}
