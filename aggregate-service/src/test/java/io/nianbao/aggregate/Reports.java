package io.nianbao.aggregate;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** Validated records of the real samples, as validate-service would publish them. */
final class Reports {

    private Reports() {
    }

    static ValidatedReportRecord validated(String sample, String reportId, UnaryOperator<ParsedReport> change) {
        ParsedReport report = change.apply(new ReportParser().parse(reportId, text(sample), ReportHints.NONE));
        ValidationResult result = new RuleEngine().validate(report);
        return ValidatedReportRecord.newBuilder()
                .setReport(AvroMapping.toRecord(report, Instant.now()))
                .setStatus(result.status())
                .setFindings(AvroMapping.toRecords(result.findings()))
                .setValidatedAt(Instant.now())
                .build();
    }

    /** The report as another issuer's, in another province and year: its own identity and bucket, whatever other tests send. */
    static ParsedReport placed(ParsedReport r, String issuer, String province, int year) {
        return new ParsedReport(r.reportId(), issuer, r.region(), province, r.divisionCode(), year, r.publishedDate(),
                r.documentNumber(), r.template(), r.activeDisclosureTemplate(), r.applicationsTemplate(), r.hintedFields(),
                r.activeDisclosure(), r.applications(), r.reviewLitigation(), r.narrativeFigures(), r.warnings(), r.readings());
    }

    static String key(ValidatedReportRecord v) {
        return Findings.identity(AvroMapping.fromRecord(v.getReport()));
    }

    static String text(String sample) {
        try {
            return Files.readString(io.nianbao.testsupport.TestSamples.dir().resolve(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
