package io.nianbao.core.validate.rules;

import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.Template;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;

/** APP_OTHER_SUM (2021 template): the three 其他处理 sub-rows sum to the row, when the report prints the row. */
public final class OtherDisposalSumRule implements Rule {

    public static final String ID = "APP_OTHER_SUM";

    @Override
    public void check(ParsedReport report, Findings findings) {
        if (report.applicationsTemplate() != Template.T2021) return;
        Table t = report.applications();
        String row = ApplicationRow.OTHER_DISPOSAL.path();
        for (ApplicantColumn column : ApplicantColumn.ALL) {
            Cell printed = t.get(row, column.id());
            if (printed == null || printed.raw() == null) continue; // derived from the sub-rows: nothing to check
            Double sum = 0d;
            for (ApplicationRow sub : ApplicationRow.OTHER_SUB_ROWS) {
                Double v = t.value(sub.path(), column.id());
                sum = v == null || sum == null ? null : sum + v;
            }
            if (sum == null || printed.value() == null) {
                findings.add(ID, Severity.INFO, "applications", row, column.id(), null, null,
                        column.label() + "列的其他处理合计无法核对：有空缺单元格",
                        "Column " + column.id() + ": otherDisposal against its sub-rows could not be assessed, a cell is missing");
            } else if (Math.abs(sum - printed.value()) > 1e-9) {
                findings.add(ID, Severity.ERROR, "applications", row, column.id(), Rule.number(sum), Rule.number(printed.value()),
                        column.label() + "列：其他处理三个子项之和为 " + Rule.number(sum) + "，该行为 " + Rule.number(printed.value()),
                        "Column " + column.id() + ": the three otherDisposal sub-rows sum to " + Rule.number(sum) + ", the row says " + Rule.number(printed.value()));
            }
        }
    }
}
