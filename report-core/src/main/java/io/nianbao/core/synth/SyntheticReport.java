package io.nianbao.core.synth;

import io.nianbao.core.model.Table;
import io.nianbao.core.template.Template;

/**
 * A report the generator made up: its metadata and the values of its three tables (a missing cell is
 * absent from the table's row or has a null value). Rendering it in any layout and parsing the text must
 * give these tables back, cell by cell.
 */
public record SyntheticReport(
        String issuer,
        String province,
        String county,
        int reportYear,
        Template template,
        Table activeDisclosure,
        Table applications,
        Table reviewLitigation) {
}
