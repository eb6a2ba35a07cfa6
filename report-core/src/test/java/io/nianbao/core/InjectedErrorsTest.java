package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.Table;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import io.nianbao.core.synth.SyntheticReport;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Consistent generated reports give no finding; an error injected into one is found exactly where it was put. */
class InjectedErrorsTest {

    private static final ReportParser PARSER = new ReportParser();
    private static final RuleEngine ENGINE = new RuleEngine();

    private static ValidationResult validate(SyntheticReport r, long seed, ReportRenderer.Layout layout) {
        String text = new ReportRenderer(seed).render(r, layout, seed % 2 == 0);
        return ENGINE.validate(PARSER.parse("synthetic", text, ReportHints.NONE));
    }

    @Property(tries = 400, seed = "7")
    void aConsistentReportHasNoFinding(@ForAll long seed, @ForAll ReportRenderer.Layout layout) {
        net.jqwik.api.Assume.that(layout.exact()); // a flattened run may leave cells undecided, which is its own property
        SyntheticReport r = new ReportGenerator(seed, 0).consistent();
        ValidationResult result = validate(r, seed, layout);
        assertThat(result.findings()).extracting(f -> f.rule() + " " + f.location() + " " + f.messageEn()).isEmpty();
        assertThat(result.status()).isEqualTo("valid");
    }

    @Property(tries = 400, seed = "11")
    void anInjectedErrorIsFoundWhereItWasPut(@ForAll long seed, @ForAll ReportRenderer.Layout layout) {
        net.jqwik.api.Assume.that(layout.exact());
        SyntheticReport clean = new ReportGenerator(seed, 0).consistent();
        Random random = new Random(seed);
        Set<String> expected = new HashSet<>();
        SyntheticReport broken;
        if (random.nextInt(4) == 0) {
            ReviewBlock block = ReviewBlock.ALL.get(random.nextInt(3));
            ReviewBlock.Column column = ReviewBlock.Column.ALL.get(random.nextInt(5));
            broken = with(clean, "reviewLitigation", block.id(), column.id(), 1 + random.nextInt(5));
            expected.add(block.sumRule() + " reviewLitigation." + block.id() + "[total]");
        } else {
            List<String> rows = new ArrayList<>(clean.applications().rows().keySet());
            String row = rows.get(random.nextInt(rows.size()));
            String column = ApplicantColumn.ALL.get(random.nextInt(7)).id();
            broken = with(clean, "applications", row, column, 1 + random.nextInt(5));
            ApplicationRow r = ApplicationRow.byPath(row);
            expected.add("APP_ROW_SUM applications." + row + "[total]");
            if (r.kind() == ApplicationRow.Kind.RESULT || r.kind() == ApplicationRow.Kind.OTHER_SUB_ROW || r == ApplicationRow.RESULTS_TOTAL) {
                expected.add("APP_RESULTS_SUM applications.results.total[" + column + "]");
            }
            if (r.kind() == ApplicationRow.Kind.INPUT || r.kind() == ApplicationRow.Kind.OUTPUT || r == ApplicationRow.RESULTS_TOTAL) {
                expected.add("APP_BALANCE applications[" + column + "]");
            }
        }
        ValidationResult result = validate(broken, seed, layout);
        assertThat(result.errors()).extracting(f -> f.rule() + " " + f.location()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.findings()).allMatch(f -> f.severity() == io.nianbao.core.validate.Severity.ERROR);
        assertThat(result.status()).isEqualTo("invalid");
    }

    private static SyntheticReport with(SyntheticReport r, String section, String row, String column, int delta) {
        Table applications = copy(r.applications());
        Table review = copy(r.reviewLitigation());
        Table target = section.equals("applications") ? applications : review;
        target.put(row, column, new Cell(null, target.value(row, column) + delta));
        return new SyntheticReport(r.issuer(), r.province(), r.county(), r.reportYear(), r.template(), r.activeDisclosure(), applications, review);
    }

    private static Table copy(Table t) {
        Table out = new Table();
        t.rows().forEach((row, cells) -> cells.forEach((column, cell) -> out.put(row, column, cell)));
        return out;
    }

}
