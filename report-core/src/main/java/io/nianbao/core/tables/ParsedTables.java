package io.nianbao.core.tables;

import io.nianbao.core.model.Table;
import io.nianbao.core.template.Template;
import java.util.List;
import java.util.Map;

/** The three tables read from one report, the template each section showed, and what was doubtful. */
public record ParsedTables(
        Table activeDisclosure,
        Table applications,
        Table reviewLitigation,
        Template activeDisclosureTemplate,
        Template applicationsTemplate,
        List<String> warnings,
        Map<String, String> flatReadings) {

    public ParsedTables(Table activeDisclosure, Table applications, Table reviewLitigation, Template activeDisclosureTemplate,
            Template applicationsTemplate, List<String> warnings) {
        this(activeDisclosure, applications, reviewLitigation, activeDisclosureTemplate, applicationsTemplate, warnings, Map.of());
    }

    /**
     * The template of the report. Only the 2021 template has marks of its own (section 二's 本年制发件数…,
     * section 三's three 其他处理 sub-rows); a 2021 report may still print 2019 headers or 其他处理 as one
     * row, so either section showing 2021 makes the report 2021, and 2019 is what is left.
     */
    public Template template() {
        if (applicationsTemplate == Template.T2021 || activeDisclosureTemplate == Template.T2021) return Template.T2021;
        return applicationsTemplate != null ? applicationsTemplate : activeDisclosureTemplate;
    }
}
