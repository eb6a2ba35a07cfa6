package io.nianbao.core.validate.rules;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;
import java.util.ArrayList;
import java.util.List;

/** APP_RESULTS_SUM: per column, the result rows (予以公开 … 其他处理) sum to （七）总计. */
public final class ResultsSumRule implements Rule {

    public static final String ID = "APP_RESULTS_SUM";

    @Override
    public void check(ParsedReport report, Findings findings) {
        Table t = report.applications();
        if (!t.hasRow(ApplicationRow.RESULTS_TOTAL.path())) return;
        for (ApplicantColumn column : ApplicantColumn.ALL) {
            String c = column.id();
            Double total = t.value(ApplicationRow.RESULTS_TOTAL.path(), c);
            double sum = 0;
            List<String> missing = new ArrayList<>();
            for (ApplicationRow row : ApplicationRow.resultRows()) {
                Double v = t.value(row.path(), c);
                if (v == null) missing.add(row.path());
                else sum += v;
            }
            if (total == null) missing.add(ApplicationRow.RESULTS_TOTAL.path());
            if (!missing.isEmpty()) {
                findings.add(ID, Severity.INFO, "applications", ApplicationRow.RESULTS_TOTAL.path(), c, null, null,
                        column.label() + "列的办理结果合计无法核对：有空缺单元格",
                        "Column " + c + ": the sum of the result rows could not be assessed, missing " + String.join(", ", missing));
            } else if (Math.abs(sum - total) > 1e-9) {
                findings.add(ID, Severity.ERROR, "applications", ApplicationRow.RESULTS_TOTAL.path(), c, Rule.number(sum), Rule.number(total),
                        column.label() + "列：各项办理结果之和为 " + Rule.number(sum) + "，（七）总计为 " + Rule.number(total),
                        "Column " + c + ": the result rows sum to " + Rule.number(sum) + ", results.total says " + Rule.number(total));
            }
        }
    }
}
