package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import io.nianbao.core.synth.SyntheticReport;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** parse(render(r)) = r, cell by cell, over thousands of generated reports in every layout, both scripts and templates. */
class RoundTripTest {

    private static final ReportParser PARSER = new ReportParser();

    @Property(tries = 2500, seed = "20261122")
    void everyCellComesBack(@ForAll long seed, @ForAll ReportRenderer.Layout layout, @ForAll boolean traditional) {
        SyntheticReport r = new ReportGenerator(seed, 0.1).next();
        String text = new ReportRenderer(seed).render(r, layout, traditional);
        ParsedReport parsed = PARSER.parse("synthetic", text, ReportHints.NONE);

        List<String> diffs = new ArrayList<>();
        compare("activeDisclosure", r.activeDisclosure(), parsed.activeDisclosure(), diffs);
        compare("applications", r.applications(), parsed.applications(), diffs);
        compare("reviewLitigation", r.reviewLitigation(), parsed.reviewLitigation(), diffs);
        if (r.template() == Template.T2021) {
            for (ApplicantColumn c : ApplicantColumn.ALL) {
                Double expected = 0d;
                for (ApplicationRow sub : ApplicationRow.OTHER_SUB_ROWS) {
                    Double v = r.applications().value(sub.path(), c.id());
                    expected = v == null || expected == null ? null : expected + v;
                }
                Double actual = parsed.applications().value(ApplicationRow.OTHER_DISPOSAL.path(), c.id());
                if (expected == null ? actual != null : !expected.equals(actual)) diffs.add("derived otherDisposal." + c.id() + ": " + expected + " ≠ " + actual);
            }
        }
        assertThat(diffs).as(layout + (traditional ? " traditional " : " simplified ") + r.template() + " seed " + seed).isEmpty();
        assertThat(parsed.template()).isEqualTo(r.template());
        assertThat(parsed.reportYear()).isEqualTo(r.reportYear());
        assertThat(parsed.province()).isEqualTo(r.province());
        assertThat(parsed.issuer()).isEqualTo(r.issuer());
    }

    @Example
    void anAmbiguousPlaceIsLeftUnknownWithAWarning() {
        ParsedReport r = PARSER.parse("x", "南山区人民政府办公室2019年政府信息公开工作年度报告\n", ReportHints.NONE);
        assertThat(r.province()).isNull();
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("PLACE_AMBIGUOUS") && w.contains("广东省") && w.contains("黑龙江省"));
        ParsedReport shenzhen = PARSER.parse("y", "深圳市南山区人民政府办公室2019年政府信息公开工作年度报告\n", ReportHints.NONE);
        assertThat(shenzhen.province()).isEqualTo("广东省");
        assertThat(shenzhen.region()).isEqualTo("深圳市 南山区");
    }

    @Example
    void theGeneratorsPlacesAreInTheGazetteer() {
        assertThat(ReportGenerator.placesAreKnown()).isTrue();
    }

    private static void compare(String section, Table expected, Table actual, List<String> diffs) {
        for (Map.Entry<String, Map<String, Cell>> row : expected.rows().entrySet()) {
            for (Map.Entry<String, Cell> cell : row.getValue().entrySet()) {
                Double want = cell.getValue().value();
                Double got = actual.value(row.getKey(), cell.getKey());
                boolean same = want == null ? got == null : got != null && Math.abs(want - got) < 1e-9;
                if (!same) {
                    Cell raw = actual.get(row.getKey(), cell.getKey());
                    diffs.add(section + " " + row.getKey() + "." + cell.getKey() + ": want " + want + ", got " + got
                            + (raw == null ? " (no cell)" : " (raw \"" + raw.raw() + "\")"));
                }
            }
        }
    }
}
