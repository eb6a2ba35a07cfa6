package io.nianbao.core.validate.rules;

import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** APP_ROW_SUM: in every row of section 三, the six applicant columns sum to 总计. */
public final class ApplicationRowSumRule implements Rule {

    public static final String ID = "APP_ROW_SUM";

    @Override
    public void check(ParsedReport report, Findings findings) {
        for (Map.Entry<String, Map<String, Cell>> row : report.applications().rows().entrySet()) {
            String path = row.getKey();
            // a row the report does not print (2021's 其他处理, summed from its sub-rows) has nothing of its own to check
            if (row.getValue().values().stream().allMatch(c -> c.raw() == null)) continue;
            Double total = value(row.getValue(), ApplicantColumn.TOTAL.id());
            double sum = 0;
            List<String> missing = new ArrayList<>();
            for (ApplicantColumn column : ApplicantColumn.APPLICANTS) {
                Double v = value(row.getValue(), column.id());
                if (v == null) missing.add(column.id());
                else sum += v;
            }
            if (total == null) missing.add("total");
            if (missing.size() == ApplicantColumn.ALL.size()) continue; // an empty row says nothing
            if (!missing.isEmpty()) {
                findings.add(ID, Severity.INFO, "applications", path, "total", null, null,
                        path + " 行的合计无法核对：有空缺单元格",
                        "Row " + path + ": the applicant columns' sum could not be assessed, missing " + String.join(", ", missing));
            } else if (Math.abs(sum - total) > 1e-9) {
                findings.add(ID, Severity.ERROR, "applications", path, "total", Rule.number(sum), Rule.number(total),
                        path + " 行：各类申请人合计为 " + Rule.number(sum) + "，总计列为 " + Rule.number(total),
                        "Row " + path + ": the six applicant columns sum to " + Rule.number(sum) + ", the total column says " + Rule.number(total));
            }
        }
    }

    private static Double value(Map<String, Cell> cells, String column) {
        Cell c = cells.get(column);
        return c == null ? null : c.value();
    }
}
