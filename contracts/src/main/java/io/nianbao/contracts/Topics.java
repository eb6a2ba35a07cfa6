package io.nianbao.contracts;

import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import java.util.List;

/** Every topic of the pipeline. Names are constants so that @Incoming/@Channel annotations and tests reuse them. */
public final class Topics {

    public static final String RAW_CHANNEL = "reports-raw";
    public static final String PARSED_CHANNEL = "reports-parsed";
    public static final String PARSE_FAILED_CHANNEL = "reports-parse-failed";
    public static final String VALIDATED_CHANNEL = "reports-validated";
    public static final String VALIDATE_FAILED_CHANNEL = "reports-validate-failed";
    public static final String ISSUES_CHANNEL = "validation-issues";
    public static final String AGGREGATES_CHANNEL = "aggregates-province";

    /** Raw reports as ingested, key = content hash. */
    public static final Topic<RawReport> RAW = new Topic<>("reports.raw", RawReport.class, false);
    /** Parsed reports, key = report id. */
    public static final Topic<ParsedReportRecord> PARSED = new Topic<>("reports.parsed", ParsedReportRecord.class, false);
    /** Dead letters of parse-service: the raw report, the reason in headers. */
    public static final Topic<RawReport> PARSE_FAILED = new Topic<>("reports.parse-failed", RawReport.class, false);
    /** Validated reports, key = issuer|reportYear (or the report id when either is unknown). */
    public static final Topic<ValidatedReportRecord> VALIDATED = new Topic<>("reports.validated", ValidatedReportRecord.class, false);
    /** Dead letters of validate-service: the parsed report, the reason in headers. */
    public static final Topic<ParsedReportRecord> VALIDATE_FAILED = new Topic<>("reports.validate-failed", ParsedReportRecord.class, false);
    /** One record per finding raised or withdrawn, key = province/issuer. */
    public static final Topic<ValidationIssueRecord> ISSUES = new Topic<>("validation.issues", ValidationIssueRecord.class, false);
    /** Province aggregates, key = province|reportYear, compacted. */
    public static final Topic<ProvinceAggregateRecord> AGGREGATES = new Topic<>("aggregates.province", ProvinceAggregateRecord.class, true);

    public static final List<Topic<?>> ALL = List.of(RAW, PARSED, PARSE_FAILED, VALIDATED, VALIDATE_FAILED, ISSUES, AGGREGATES);

    private Topics() {
    }
}
