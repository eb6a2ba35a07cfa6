package io.nianbao.validate;

import io.nianbao.testsupport.TestSamples;
import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationLedger;
import io.nianbao.core.validate.ValidationResult;
import io.nianbao.testsupport.TestKafka;
import io.nianbao.testsupport.TestProducer;
import io.nianbao.testsupport.TestRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After a restart the ledger comes back from reports.validated, so a correction still withdraws what it fixed. */
class LedgerRestoreTest {

    @Test
    void aRestartedLedgerStillKnowsWhatToWithdraw() throws Exception {
        String text = Files.readString(TestSamples.dir().resolve("000_b7e468c868dd9816.txt"));
        ParsedReport original = new ReportParser().parse("fenyi-v1", text, ReportHints.NONE);
        ValidationResult result = new RuleEngine().validate(original);
        ValidatedReportRecord published = ValidatedReportRecord.newBuilder()
                .setReport(AvroMapping.toRecord(original, Instant.now())).setStatus(result.status())
                .setFindings(AvroMapping.toRecords(result.findings())).setValidatedAt(Instant.now()).build();
        TestProducer.send(Topics.VALIDATED, "分宜县人民政府办公室|2019", TestProducer.toGeneric(published));

        ValidationLedger restarted = new ValidationLedger(new RuleEngine());
        LedgerRestore.restore(restarted, TestKafka.bootstrapServers(), TestRegistry.url());
        assertThat(restarted.size()).isGreaterThanOrEqualTo(1);

        // the office fixes its total column: 3 received, 3 granted, nothing else
        ParsedReport corrected = new ReportParser().parse("fenyi-v2", text, ReportHints.NONE);
        for (String row : List.of("results.granted", "results.total")) {
            corrected.applications().put(row, "naturalPerson", Cell.of("3", 3));
            corrected.applications().put(row, "total", Cell.of("3", 3));
        }
        corrected.applications().put("results.otherDisposal", "total", Cell.of("0", 0));
        ValidationLedger.Publication p = restarted.accept(corrected).getFirst();
        assertThat(p.result().errors()).isEmpty();
        assertThat(p.withdrawn()).extracting(Finding::rule).contains("APP_BALANCE", "APP_ROW_SUM", "APP_RESULTS_SUM");
        assertThat(p.raised()).noneMatch(f -> f.severity() == io.nianbao.core.validate.Severity.ERROR);
    }
}
