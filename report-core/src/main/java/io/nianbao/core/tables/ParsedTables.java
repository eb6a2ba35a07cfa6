package io.nianbao.core.tables;

import io.nianbao.core.model.Table;
import io.nianbao.core.template.Template;
import java.util.List;

/** The three tables read from one report, the template each section showed, and what was doubtful. */
public record ParsedTables(
        Table activeDisclosure,
        Table applications,
        Table reviewLitigation,
        Template activeDisclosureTemplate,
        Template applicationsTemplate,
        List<String> warnings) {

    /** The template of the report: section 三 decides (it is the one the arithmetic depends on). */
    public Template template() {
        return applicationsTemplate != null ? applicationsTemplate : activeDisclosureTemplate;
    }
}
