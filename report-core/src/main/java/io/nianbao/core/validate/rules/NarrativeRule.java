package io.nianbao.core.validate.rules;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;
import java.util.Map;

/** NARRATIVE_MISMATCH: a figure the narrative quotes (共收到申请6件) differs from the table. */
public final class NarrativeRule implements Rule {

    public static final String ID = "NARRATIVE_MISMATCH";

    @Override
    public void check(ParsedReport r, Findings findings) {
        for (Map.Entry<String, Double> figure : r.narrativeFigures().entrySet()) {
            ApplicationRow row = ApplicationRow.byPath(figure.getKey());
            if (row == null) continue;
            Double table = r.applications().value(row.path(), ApplicantColumn.TOTAL.id());
            if (table == null || Math.abs(table - figure.getValue()) < 1e-9) continue;
            findings.add(ID, Severity.WARNING, "applications", row.path(), "total", Rule.number(table), Rule.number(figure.getValue()),
                    "正文所述 " + row.label() + " 为 " + Rule.number(figure.getValue()) + "，表格为 " + Rule.number(table),
                    "The narrative says " + row.path() + " is " + Rule.number(figure.getValue()) + ", the table says " + Rule.number(table));
        }
    }
}
