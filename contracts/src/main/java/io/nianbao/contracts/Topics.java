package io.nianbao.contracts;

import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.contracts.avro.SourceRecord;
import io.nianbao.contracts.avro.FetchedPageRecord;
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

    public static final String AGGREGATE_FAILED_CHANNEL = "reports-aggregate-failed";

    /** Raw reports as ingested, key = content hash. */
    public static final Topic<RawReport> RAW = new Topic<>("reports.raw", RawReport.class, Topic.Kind.STREAM);
    /** Parsed reports, key = the report's identity, partitioned by its lineage ({@link #partitioner}). */
    public static final Topic<ParsedReportRecord> PARSED = new Topic<>("reports.parsed", ParsedReportRecord.class, Topic.Kind.STREAM);
    /** Dead letters of parse-service: the raw report, the reason in headers. */
    public static final Topic<RawReport> PARSE_FAILED = new Topic<>("reports.parse-failed", RawReport.class, Topic.Kind.DEAD_LETTERS);
    /**
     * Validated reports, key = issuer|reportYear (or the report id when either is unknown): the latest per
     * key is the state of validate-service and aggregate-service, so the topic is a compacted table.
     */
    public static final Topic<ValidatedReportRecord> VALIDATED = new Topic<>("reports.validated", ValidatedReportRecord.class, Topic.Kind.TABLE);
    /**
     * Dead letters of validate-service: the record as read from reports.parsed (a parsed report, or bytes
     * that are not one), the reason in headers.
     */
    public static final Topic<ParsedReportRecord> VALIDATE_FAILED = new Topic<>("reports.validate-failed", ParsedReportRecord.class, Topic.Kind.DEAD_LETTERS);
    /**
     * Dead letters of aggregate-service's Kafka Streams topology: the record as read from reports.validated
     * (a validated report that could not be aggregated, or bytes that are not one), the reason in headers.
     */
    public static final Topic<ValidatedReportRecord> AGGREGATE_FAILED = new Topic<>("reports.aggregate-failed", ValidatedReportRecord.class, Topic.Kind.DEAD_LETTERS);
    /** One record per finding raised or withdrawn, key = province/issuer. */
    public static final Topic<ValidationIssueRecord> ISSUES = new Topic<>("validation.issues", ValidationIssueRecord.class, Topic.Kind.STREAM);
    /** Province aggregates, key = province|reportYear: a compacted table. */
    public static final Topic<ProvinceAggregateRecord> AGGREGATES = new Topic<>("aggregates.province", ProvinceAggregateRecord.class, Topic.Kind.TABLE);

    /** The publishers' pages ingest-service's watcher follows, key = the page's URL: a compacted table (a tombstone removes one). */
    public static final Topic<SourceRecord> SOURCES = new Topic<>("follow.sources", SourceRecord.class, Topic.Kind.TABLE);
    /** What the watcher last fetched at each URL (ETag, hash, time, outcome), key = URL: a compacted table. */
    public static final Topic<FetchedPageRecord> FETCHED_PAGES = new Topic<>("follow.fetched-pages", FetchedPageRecord.class, Topic.Kind.TABLE);

    public static final List<Topic<?>> ALL = List.of(RAW, PARSED, PARSE_FAILED, VALIDATED, VALIDATE_FAILED, AGGREGATE_FAILED, ISSUES, AGGREGATES,
            SOURCES, FETCHED_PAGES);

    /** Every dead-letter topic. */
    public static final List<Topic<?>> DEAD_LETTER_TOPICS = ALL.stream().filter(t -> t.kind() == Topic.Kind.DEAD_LETTERS).toList();

    /** The topic a dead-letter topic's records came from (the input of the stage that failed). */
    public static java.util.Optional<Topic<?>> deadLetterSource(String deadLetterTopic) {
        if (deadLetterTopic.equals(PARSE_FAILED.name())) return java.util.Optional.of(RAW);
        if (deadLetterTopic.equals(VALIDATE_FAILED.name())) return java.util.Optional.of(PARSED);
        if (deadLetterTopic.equals(AGGREGATE_FAILED.name())) return java.util.Optional.of(VALIDATED);
        return java.util.Optional.empty();
    }

    /**
     * The partitioner every producer to the topic uses, when it is not Kafka's default (by key):
     * reports.parsed is partitioned by lineage ({@link LineagePartitioner}).
     */
    public static java.util.Optional<Class<? extends org.apache.kafka.clients.producer.Partitioner>> partitioner(Topic<?> topic) {
        return topic.name().equals(PARSED.name()) ? java.util.Optional.of(LineagePartitioner.class) : java.util.Optional.empty();
    }

    /** The topic of this name, if it is one of the pipeline's. */
    public static java.util.Optional<Topic<?>> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private Topics() {
    }
}
