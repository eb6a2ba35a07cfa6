package io.nianbao.core.validate.rules;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;

/** APP_BALANCE: per column, newReceived + carriedOver = results.total + carriedForward (printed in the table header). */
public final class ApplicationBalanceRule implements Rule {

    public static final String ID = "APP_BALANCE";

    @Override
    public void check(ParsedReport report, Findings findings) {
        Table t = report.applications();
        if (t.isEmpty()) return;
        for (ApplicantColumn column : ApplicantColumn.ALL) {
            String c = column.id();
            Double received = t.value(ApplicationRow.NEW_RECEIVED.path(), c);
            Double carriedOver = t.value(ApplicationRow.CARRIED_OVER.path(), c);
            Double total = t.value(ApplicationRow.RESULTS_TOTAL.path(), c);
            Double carriedForward = t.value(ApplicationRow.CARRIED_FORWARD.path(), c);
            if (received == null || carriedOver == null || total == null || carriedForward == null) {
                findings.add(ID, Severity.INFO, "applications", null, c, null, null,
                        "第" + column.label() + "列的勾稽关系无法核对：有空缺单元格",
                        "Column " + c + ": newReceived + carriedOver = results.total + carriedForward could not be assessed, a cell is missing ("
                                + missing(received, carriedOver, total, carriedForward) + ")");
                continue;
            }
            double in = received + carriedOver;
            double out = total + carriedForward;
            if (Math.abs(in - out) > 1e-9) {
                findings.add(ID, Severity.ERROR, "applications", null, c, Rule.number(in), Rule.number(out),
                        column.label() + "列：本年新收 " + Rule.number(received) + " + 上年结转 " + Rule.number(carriedOver) + " = " + Rule.number(in)
                                + "，不等于办理结果总计 " + Rule.number(total) + " + 结转下年度 " + Rule.number(carriedForward) + " = " + Rule.number(out),
                        "Column " + c + ": newReceived " + Rule.number(received) + " + carriedOver " + Rule.number(carriedOver) + " = " + Rule.number(in)
                                + ", but results.total " + Rule.number(total) + " + carriedForward " + Rule.number(carriedForward) + " = " + Rule.number(out));
            }
        }
    }

    private static String missing(Double received, Double carriedOver, Double total, Double carriedForward) {
        StringBuilder sb = new StringBuilder();
        if (received == null) sb.append("newReceived ");
        if (carriedOver == null) sb.append("carriedOver ");
        if (total == null) sb.append("results.total ");
        if (carriedForward == null) sb.append("carriedForward ");
        return sb.toString().strip();
    }
}
