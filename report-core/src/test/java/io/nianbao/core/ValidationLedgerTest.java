package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationLedger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationLedgerTest {

    /** 002 (安源区 2019) carries over 3 applications; its 2018 report says it carried forward 2. */
    private static ParsedReport anyuan2019() {
        return new ReportParser().parse("anyuan-2019", Samples.text(Samples.S002), ReportHints.NONE);
    }

    private static ParsedReport anyuan2018(double carriedForward) {
        ParsedReport r = new ReportParser().parse("anyuan-2018", Samples.text(Samples.S002), ReportHints.NONE);
        r.applications().put("carriedForward", "total", Cell.of(Double.toString(carriedForward), carriedForward));
        r.applications().put("carriedForward", "naturalPerson", Cell.of(Double.toString(carriedForward), carriedForward));
        return new ParsedReport(r.reportId(), r.issuer(), r.region(), r.province(), r.divisionCode(), 2018, r.publishedDate(),
                r.documentNumber(), r.template(), r.activeDisclosureTemplate(), r.applicationsTemplate(), r.hintedFields(),
                r.activeDisclosure(), r.applications(), r.reviewLitigation(), r.narrativeFigures(), r.warnings(), r.readings());
    }

    private static List<String> crossYear(List<Finding> findings) {
        return findings.stream().filter(f -> f.rule().equals("CROSS_YEAR_CARRY")).map(Finding::location).sorted().toList();
    }

    @Test
    void previousYearFirst() {
        ValidationLedger ledger = new ValidationLedger(new RuleEngine());
        ledger.accept(anyuan2018(2));
        List<ValidationLedger.Publication> out = ledger.accept(anyuan2019());
        assertThat(out).hasSize(1);
        assertThat(crossYear(out.getFirst().raised())).containsExactly("applications.carriedOver[naturalPerson]", "applications.carriedOver[total]");
    }

    @Test
    void laterYearFirstThenItsPredecessorRepublishesTheLaterOne() {
        ValidationLedger ledger = new ValidationLedger(new RuleEngine());
        assertThat(crossYear(ledger.accept(anyuan2019()).getFirst().raised())).isEmpty();
        List<ValidationLedger.Publication> out = ledger.accept(anyuan2018(2));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).report().reportYear()).isEqualTo(2019);
        assertThat(crossYear(out.get(1).raised())).containsExactly("applications.carriedOver[naturalPerson]", "applications.carriedOver[total]");
        assertThat(out.get(1).result().status()).isEqualTo("invalid");
    }

    @Test
    void aCorrectionWithdrawsWhatItFixedAndARedeliveryRaisesNothing() {
        ValidationLedger ledger = new ValidationLedger(new RuleEngine());
        ledger.accept(anyuan2018(2));
        ValidationLedger.Publication first = ledger.accept(anyuan2019()).getFirst();
        assertThat(ledger.accept(anyuan2019()).getFirst().raised()).isEmpty();

        // a corrected 2018 report (carried forward 3) makes the 2019 carry-over consistent
        List<ValidationLedger.Publication> corrected = ledger.accept(anyuan2018(3));
        ValidationLedger.Publication for2019 = corrected.stream().filter(p -> p.report().reportYear() == 2019).findFirst().orElseThrow();
        assertThat(crossYear(for2019.withdrawn())).containsExactly("applications.carriedOver[naturalPerson]", "applications.carriedOver[total]");
        assertThat(for2019.withdrawn()).allMatch(w -> first.raised().stream().anyMatch(f -> f.id().equals(w.id())));
    }

    @Test
    void anOlderVersionAfterANewerOneAndAVersionDeliveredTwiceChangeNothing() {
        ValidationLedger ledger = new ValidationLedger(new RuleEngine());
        java.time.Instant t = java.time.Instant.parse("2026-01-10T00:00:00Z");
        assertThat(ledger.accept(anyuan2019(), t.plusSeconds(60), null)).hasSize(1);
        assertThat(ledger.accept(anyuan2019(), t.plusSeconds(60), null)).isEmpty();
        assertThat(ledger.accept(anyuan2018(2), t, null)).as("another identity: taken").isNotEmpty();
        ParsedReport older = new ReportParser().parse("anyuan-2019-old", Samples.text(Samples.S002), ReportHints.NONE);
        assertThat(ledger.accept(older, t, null)).isEmpty();
    }

    @Test
    void aRetractionWithdrawsEveryFindingAndTheNextYearsCrossYearOnes() {
        ValidationLedger ledger = new ValidationLedger(new RuleEngine());
        ValidationLedger.Publication y2018 = ledger.accept(anyuan2018(2), null, "http://x/2018").getFirst();
        List<ValidationLedger.Publication> y2019 = ledger.accept(anyuan2019(), null, "http://x/2019");
        assertThat(crossYear(y2019.getFirst().raised())).hasSize(2);

        assertThat(ledger.retract(io.nianbao.core.model.ReportIdentity.key(anyuan2018(2)), "another-lineage")).as("not this lineage's").isEmpty();
        List<ValidationLedger.Publication> out = ledger.retract(io.nianbao.core.model.ReportIdentity.key(anyuan2018(2)), "http://x/2018");
        assertThat(out).hasSize(2);
        assertThat(out.getFirst().retracted()).isTrue();
        assertThat(out.getFirst().withdrawn()).containsExactlyInAnyOrderElementsOf(y2018.result().findings());
        assertThat(crossYear(out.get(1).withdrawn())).containsExactly("applications.carriedOver[naturalPerson]", "applications.carriedOver[total]");
        assertThat(ledger.retract(io.nianbao.core.model.ReportIdentity.key(anyuan2018(2)), "http://x/2018")).as("already gone").isEmpty();
    }
}
