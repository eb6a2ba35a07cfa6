package io.nianbao.core.validate;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.DisclosureColumn;
import io.nianbao.core.template.DisclosureRow;
import io.nianbao.core.template.Template;
import java.util.List;

/**
 * Checks between one issuer's consecutive reports: CROSS_YEAR_CARRY (this year's carriedOver = last
 * year's carriedForward) and, for the 2021 template, CROSS_YEAR_STOCK (last inForce + issued − repealed =
 * this inForce). Findings belong to the later report, whichever arrived first.
 */
public final class CrossYearRules {

    private CrossYearRules() {
    }

    public static List<Finding> check(ParsedReport previous, ParsedReport current) {
        Findings findings = new Findings(current);
        if (previous.reportYear() == null || current.reportYear() == null || previous.reportYear() + 1 != current.reportYear()) {
            return findings.list();
        }
        for (ApplicantColumn column : ApplicantColumn.ALL) {
            Double carriedOver = current.applications().value(ApplicationRow.CARRIED_OVER.path(), column.id());
            Double carriedForward = previous.applications().value(ApplicationRow.CARRIED_FORWARD.path(), column.id());
            if (carriedOver == null || carriedForward == null) continue;
            if (Math.abs(carriedOver - carriedForward) > 1e-9) {
                findings.add("CROSS_YEAR_CARRY", Severity.ERROR, "applications", ApplicationRow.CARRIED_OVER.path(), column.id(),
                        Rule.number(carriedForward), Rule.number(carriedOver),
                        column.label() + "列：上年结转 " + Rule.number(carriedOver) + "，与 " + previous.reportYear() + " 年度报告的结转下年度 "
                                + Rule.number(carriedForward) + " 不符",
                        "Column " + column.id() + ": carriedOver " + Rule.number(carriedOver) + " differs from the " + previous.reportYear()
                                + " report's carriedForward " + Rule.number(carriedForward));
            }
        }
        if (previous.activeDisclosureTemplate() == Template.T2021 && current.activeDisclosureTemplate() == Template.T2021) {
            for (DisclosureRow row : List.of(DisclosureRow.REGULATIONS, DisclosureRow.NORMATIVE_DOCUMENTS)) {
                Double before = previous.activeDisclosure().value(row.id(), DisclosureColumn.IN_FORCE.id());
                Double issued = current.activeDisclosure().value(row.id(), DisclosureColumn.ISSUED.id());
                Double repealed = current.activeDisclosure().value(row.id(), DisclosureColumn.REPEALED.id());
                Double now = current.activeDisclosure().value(row.id(), DisclosureColumn.IN_FORCE.id());
                if (before == null || issued == null || repealed == null || now == null) continue;
                double expected = before + issued - repealed;
                if (Math.abs(expected - now) > 1e-9) {
                    findings.add("CROSS_YEAR_STOCK", Severity.ERROR, "activeDisclosure", row.id(), DisclosureColumn.IN_FORCE.id(),
                            Rule.number(expected), Rule.number(now),
                            row.label() + "：上年现行有效 " + Rule.number(before) + " + 本年制发 " + Rule.number(issued) + " − 本年废止 "
                                    + Rule.number(repealed) + " = " + Rule.number(expected) + "，本年现行有效为 " + Rule.number(now),
                            row.id() + ": last year's inForce " + Rule.number(before) + " + issued " + Rule.number(issued) + " − repealed "
                                    + Rule.number(repealed) + " = " + Rule.number(expected) + ", this year's inForce is " + Rule.number(now));
                }
            }
        }
        return findings.list();
    }
}
