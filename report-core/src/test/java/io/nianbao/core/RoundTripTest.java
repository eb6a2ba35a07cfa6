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
        // a flattened run is cut by its row's own relation: real rows mostly add up, blanks and all
        SyntheticReport r = layout == ReportRenderer.Layout.FLATTENED
                ? new ReportGenerator(seed, 0.1).consistentWithBlankZeros(0.3) : new ReportGenerator(seed, 0.1).next();
        String text = new ReportRenderer(seed).render(r, layout, traditional);
        ParsedReport parsed = PARSER.parse("synthetic", text, ReportHints.NONE);

        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (layout != ReportRenderer.Layout.FLATTENED) compare("activeDisclosure", r.activeDisclosure(), parsed.activeDisclosure(), wrong, missing);
        else assertThat(parsed.activeDisclosure().isEmpty()).as("a flattened section 二 is not guessed at").isTrue();
        compare("applications", r.applications(), parsed.applications(), wrong, missing);
        compare("reviewLitigation", r.reviewLitigation(), parsed.reviewLitigation(), wrong, missing);
        if (r.template() == Template.T2021) {
            for (ApplicantColumn c : ApplicantColumn.ALL) {
                Double expected = 0d;
                for (ApplicationRow sub : ApplicationRow.OTHER_SUB_ROWS) {
                    Double v = r.applications().value(sub.path(), c.id());
                    expected = v == null || expected == null ? null : expected + v;
                }
                Double actual = parsed.applications().value(ApplicationRow.OTHER_DISPOSAL.path(), c.id());
                String at = "applications " + ApplicationRow.OTHER_DISPOSAL.path() + "." + c.id() + " (derived): want " + expected + ", got " + actual;
                if (actual == null && expected != null) missing.add(at);
                else if (expected == null ? actual != null : !expected.equals(actual)) wrong.add(at);
            }
        }
        String what = layout + (traditional ? " traditional " : " simplified ") + r.template() + " seed " + seed;
        assertThat(wrong).as("wrong values, " + what).isEmpty();
        if (layout.exact()) {
            assertThat(missing).as("missing values, " + what).isEmpty();
        } else {
            // a run that cannot be cut one way leaves cells missing, and says so for its row
            for (String m : missing) {
                String row = m.split(" ")[1];
                String section = m.split(" ")[0];
                String rowPath = row.substring(0, row.lastIndexOf('.'));
                boolean announced = parsed.warnings().stream().anyMatch(w -> section.equals("reviewLitigation")
                        ? w.contains("section 四")
                        : w.contains("row " + rowPath + " ") || (rowPath.equals("results.otherDisposal") && w.contains("row results.otherDisposal.")));
                assertThat(announced).as("missing " + m + " without a warning naming its row, " + what + "\n" + parsed.warnings()).isTrue();
            }
        }
        assertThat(parsed.template()).isEqualTo(r.template());
        assertThat(parsed.reportYear()).isEqualTo(r.reportYear());
        assertThat(parsed.province()).isEqualTo(r.province());
        assertThat(parsed.issuer()).isEqualTo(r.issuer());
    }

    /** Flattened rows with every cell printed as one digit leave one split only: those always come back whole. */
    @Property(tries = 300, seed = "20261201")
    void flattenedRowsOfSingleDigitsComeBackWhole(@ForAll long seed, @ForAll boolean traditional) {
        SyntheticReport r = new ReportGenerator(seed, 0.0).consistent();
        String text = new ReportRenderer(seed).render(r, ReportRenderer.Layout.FLATTENED, traditional);
        ParsedReport parsed = PARSER.parse("synthetic", text, ReportHints.NONE);
        for (var row : r.applications().rows().entrySet()) {
            boolean singleDigits = row.getValue().values().stream().allMatch(c -> c.value() != null && c.value() < 10);
            if (!singleDigits) continue;
            for (var cell : row.getValue().entrySet()) {
                assertThat(parsed.applications().value(row.getKey(), cell.getKey())).as(row.getKey() + "." + cell.getKey() + " seed " + seed)
                        .isEqualTo(cell.getValue().value());
            }
        }
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

    private static void compare(String section, Table expected, Table actual, List<String> wrong, List<String> missing) {
        for (Map.Entry<String, Map<String, Cell>> row : expected.rows().entrySet()) {
            for (Map.Entry<String, Cell> cell : row.getValue().entrySet()) {
                Double want = cell.getValue().value();
                Double got = actual.value(row.getKey(), cell.getKey());
                boolean same = want == null ? got == null : got != null && Math.abs(want - got) < 1e-9;
                if (same) continue;
                Cell raw = actual.get(row.getKey(), cell.getKey());
                String at = section + " " + row.getKey() + "." + cell.getKey() + " want " + want + ", got " + got
                        + (raw == null ? " (no cell)" : " (raw \"" + raw.raw() + "\")");
                if (got == null) missing.add(at);
                else wrong.add(at);
            }
        }
    }
}
