package io.nianbao.validate;

import io.micrometer.core.instrument.Metrics;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ReportChangeRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationLedger;
import io.nianbao.core.validate.ValidationResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The {@link ValidationLedger} over the {@value ValidationTopology#LEDGER_STORE} state store: each change
 * (a new version, or a retraction) is validated against the issuer's other years held in the same task,
 * and every publication goes out — the validated report (or its tombstone) and one issue record per
 * finding raised or withdrawn — in the same transaction as the store's changelog.
 */
final class LedgerProcessor implements Processor<String, ReportChangeRecord, String, Object> {

    private static final Logger LOG = Logger.getLogger(LedgerProcessor.class);
    private static final RuleEngine RULES = new RuleEngine();

    private ProcessorContext<String, Object> context;
    private LedgerStore store;
    private ValidationLedger ledger;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = new LedgerStore(context.getStateStore(ValidationTopology.LEDGER_STORE));
        this.ledger = new ValidationLedger(RULES, store);
    }

    @Override
    public void process(Record<String, ReportChangeRecord> record) {
        ReportChangeRecord change = record.value();
        if (change == null) return;
        store.startRecord();
        List<ValidationLedger.Publication> publications;
        ParsedReportRecord parsed = change.getReport();
        if (parsed == null) {
            publications = ledger.retract(change.getIdentity(), change.getLineage());
        } else {
            store.incoming(parsed);
            try {
                ParsedReport report = AvroMapping.fromRecord(parsed);
                publications = change.getSuperseded()
                        ? ledger.supersede(report, parsed.getReceivedAt(), change.getLineage())
                        : ledger.accept(report, parsed.getReceivedAt(), change.getLineage());
            } catch (RuntimeException | StackOverflowError e) {
                deadLetter(record, parsed, e);
                return;
            }
        }
        for (ValidationLedger.Publication p : publications) {
            ValidatedReportRecord validated = p.retracted() ? null : store.written(p.identity());
            context.forward(new Record<String, Object>(p.identity(), validated, record.timestamp()), ValidationTopology.VALIDATED_SINK);
            for (Finding f : p.withdrawn()) issue(p.report(), f, Issues.WITHDRAWN, record.timestamp());
            for (Finding f : p.raised()) issue(p.report(), f, Issues.RAISED, record.timestamp());
            for (Finding f : p.updated()) issue(p.report(), f, Issues.UPDATED, record.timestamp());
            Metrics.counter("nianbao.validate.published", "kind", p.retracted() ? "retracted" : "validated").increment();
        }
    }

    private void issue(ParsedReport report, Finding f, String action, long timestamp) {
        context.forward(new Record<String, Object>(Issues.key(report), Issues.record(report, f, action), timestamp, Issues.headers(report, f, action)),
                ValidationTopology.ISSUES_SINK);
        Metrics.counter("nianbao.validate.issues", "action", action, "severity", f.severity().id()).increment();
    }

    /** A report the validator fails on goes to reports.validate-failed as it was read, the reason in headers; the rest goes on. */
    private void deadLetter(Record<String, ReportChangeRecord> record, ParsedReportRecord parsed, Throwable e) {
        String source = Topics.PARSED.name() + " (" + context.recordMetadata().map(m -> "via " + m.topic() + "/" + m.partition() + "/" + m.offset()).orElse("?") + ")";
        LOG.errorf(e, "validating report %s failed: → %s", parsed.getReportId(), Topics.VALIDATE_FAILED.name());
        Metrics.counter(DeadLetterHandler.metric(DeadLetterHandler.STAGE), "kind", "validator").increment();
        context.forward(new Record<String, Object>(change(record).getIdentity(), parsed, record.timestamp(),
                DeadLetters.headers("the validator failed: " + e, DeadLetterHandler.STAGE, source, e)), ValidationTopology.FAILED_SINK);
    }

    private static ReportChangeRecord change(Record<String, ReportChangeRecord> record) {
        return record.value();
    }

    /**
     * The ledger's entries as {@link ValidatedReportRecord}s. The record of a report is kept as it came
     * (source URL and all) rather than rebuilt from the core model; what the ledger writes for the current
     * input is remembered so that it is forwarded as stored.
     */
    static final class LedgerStore implements ValidationLedger.Store {
        /** The status of a retracted report kept in the store (never published: the topic gets a tombstone). */
        static final String RETRACTED = "retracted";

        private final KeyValueStore<String, ValidatedReportRecord> store;
        private final Map<String, ParsedReportRecord> originals = new HashMap<>();
        private final Map<String, ValidatedReportRecord> written = new HashMap<>();

        LedgerStore(KeyValueStore<String, ValidatedReportRecord> store) {
            this.store = store;
        }

        void startRecord() {
            originals.clear();
            written.clear();
        }

        void incoming(ParsedReportRecord report) {
            originals.put(report.getReportId(), report);
        }

        ValidatedReportRecord written(String identity) {
            return written.get(identity);
        }

        @Override
        public ValidationLedger.Entry get(String identity) {
            ValidatedReportRecord v = store.get(identity);
            if (v == null) return null;
            originals.putIfAbsent(v.getReport().getReportId(), v.getReport());
            return new ValidationLedger.Entry(AvroMapping.fromRecord(v.getReport()), v.getReport().getReceivedAt(), v.getLineage(),
                    RETRACTED.equals(v.getStatus()) ? null : new ValidationResult(v.getStatus(), v.getFindings().stream().map(AvroMapping::fromRecord).toList()));
        }

        @Override
        public void put(String identity, ValidationLedger.Entry entry) {
            ParsedReportRecord report = originals.get(entry.report().reportId());
            if (report == null) report = AvroMapping.toRecord(entry.report(), entry.receivedAt() == null ? Instant.now() : entry.receivedAt());
            ValidatedReportRecord v = ValidatedReportRecord.newBuilder()
                    .setReport(report)
                    .setStatus(entry.retracted() ? RETRACTED : entry.result().status())
                    .setFindings(entry.retracted() ? List.of() : AvroMapping.toRecords(entry.result().findings()))
                    .setValidatedAt(Instant.now())
                    .setLineage(entry.lineage())
                    .build();
            store.put(identity, v);
            written.put(identity, v);
        }
    }
}
