package io.nianbao.core.validate.rules;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.template.Template;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;

/** TEMPLATE_YEAR_MISMATCH (template against report year) and TEMPLATE_MIXED (sections of different templates). */
public final class TemplateRule implements Rule {

    @Override
    public void check(ParsedReport r, Findings findings) {
        if (r.template() != null && r.reportYear() != null) {
            Template expected = Template.expectedFor(r.reportYear());
            if (expected != r.template()) {
                findings.add("TEMPLATE_YEAR_MISMATCH", Severity.WARNING, "metadata", "template", null, expected.id(), r.template().id(),
                        r.reportYear() + " 年度报告应使用 " + expected.id() + " 年版表格，实际为 " + r.template().id() + " 年版",
                        "A " + r.reportYear() + " report should use the " + expected.id() + " template; it uses the " + r.template().id() + " template");
            }
        }
        Template a = r.activeDisclosureTemplate();
        Template b = r.applicationsTemplate();
        if (a != null && b != null && a != b) {
            findings.add("TEMPLATE_MIXED", Severity.WARNING, "activeDisclosure", null, null, b.id(), a.id(),
                    "第二部分使用 " + a.id() + " 年版表格，第三部分使用 " + b.id() + " 年版",
                    "Section 二 follows the " + a.id() + " template, section 三 the " + b.id() + " template");
        }
    }
}
