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
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
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

    private final Serde<ValidatedReportRecord> validatedSerde;
    private final String validatedTopic;
    private ProcessorContext<String, Object> context;
    private LedgerStore store;
    private ValidationLedger ledger;

    private final Deserializer<ParsedReportRecord> parsedReports;

    /**
     * Entries are kept as written to {@code validatedTopic}, in its serde: one encoding serves the store, its
     * changelog and the topic. A version arrives in the bytes reports.parsed carried, read with {@code parsedSerde}.
     */
    LedgerProcessor(Serde<ParsedReportRecord> parsedSerde, Serde<ValidatedReportRecord> validatedSerde, String validatedTopic) {
        this.parsedReports = parsedSerde.deserializer();
        this.validatedSerde = validatedSerde;
        this.validatedTopic = validatedTopic;
    }

    /** The version a change carries (its bytes as reports.parsed carried them, or, from before 2026-12-02, the record); null: a retraction. */
    private ParsedReportRecord report(ReportChangeRecord change) {
        if (change.getReport() != null) return change.getReport();
        if (change.getReportBytes() == null) return null;
        java.nio.ByteBuffer buffer = change.getReportBytes();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        ParsedReportRecord report = parsedReports.deserialize(Topics.PARSED.name(), bytes);
        if (report == null) throw new IllegalArgumentException("the report of a change of " + change.getIdentity() + " read as no report");
        return report;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = new LedgerStore(context.getStateStore(ValidationTopology.LEDGER_STORE), validatedSerde, validatedTopic);
        this.ledger = new ValidationLedger(RULES, store);
    }

    @Override
    public void process(Record<String, ReportChangeRecord> record) {
        ReportChangeRecord change = record.value();
        if (change == null) return;
        store.startRecord();
        List<ValidationLedger.Publication> publications;
        ParsedReportRecord parsed = report(change);
        String identity = change.getIdentity();
        try {
            if (parsed == null) {
                publications = ledger.retract(identity, change.getLineage());
            } else {
                store.incoming(identity, parsed);
                ParsedReport report = AvroMapping.fromRecord(parsed);
                publications = change.getSuperseded()
                        ? ledger.supersede(identity, report, parsed.getReceivedAt(), change.getLineage())
                        : ledger.accept(identity, report, parsed.getReceivedAt(), change.getLineage());
            }
        } catch (RuntimeException | StackOverflowError e) {
            // nothing of this record is written: the store keeps what was published
            if (parsed != null) deadLetter(record, parsed, e);
            else throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            return;
        }
        // every entry encoded before any is stored: one that cannot be (the registry away: retried by the
        // processing handler; anything else: dead-lettered there) leaves the store as it was
        store.encode();
        for (ValidationLedger.Publication p : publications) {
            // never a tombstone by mistake: a publication that is not a retraction has its entry written
            if (!p.retracted() && store.written(p.identity()) == null) {
                throw new IllegalStateException("no entry written for " + p.identity() + ", which the ledger published");
            }
        }
        if (publications.isEmpty() && parsed != null && !change.getSuperseded()) {
            // a newer version (or this one) is held already: rare outside redeliveries, and worth seeing when a report seems lost
            Metrics.counter("nianbao.validate.unchanged").increment();
            LOG.infof("%s: version %s changes nothing (the version held is as new or newer), read at %s", identity, parsed.getReportId(),
                    context.recordMetadata().map(m -> m.topic() + "/" + m.partition() + "/" + m.offset()).orElse("?"));
        }
        store.commit();
        for (ValidationLedger.Publication p : publications) {
            byte[] validated = p.retracted() ? null : store.written(p.identity());
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
        // the source is the topic a replay sends it back to; where it was read inside the topology is a header of its own
        String source = Topics.PARSED.name() + "/?/?";
        LOG.errorf(e, "validating report %s failed: → %s", parsed.getReportId(), Topics.VALIDATE_FAILED.name());
        Metrics.counter(DeadLetterHandler.metric(DeadLetterHandler.STAGE), "kind", "validator").increment();
        var headers = DeadLetters.headers("the validator failed: " + e, DeadLetterHandler.STAGE, source, e);
        // a replay puts it back on its lineage's partition of reports.parsed
        if (record.value().getLineage() != null) io.nianbao.contracts.LineagePartitioner.addHeader(headers, record.value().getLineage());
        context.recordMetadata().ifPresent(m -> headers.add(DeadLetters.READ_AT, (m.topic() + "/" + m.partition() + "/" + m.offset()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        context.forward(new Record<String, Object>(record.value().getIdentity(), parsed, record.timestamp(), headers), ValidationTopology.FAILED_SINK);
    }

    /**
     * The ledger's entries as {@link ValidatedReportRecord}s, kept encoded as reports.validated carries
     * them (the record was encoded twice, for the store and for the topic: a sixth of this service's
     * time). The record of a report is kept as it came (source URL and all) rather than rebuilt from the
     * core model; what the ledger writes for the current input is remembered so that it is forwarded as stored.
     */
    static final class LedgerStore implements ValidationLedger.Store {
        /** The status of a retracted report kept in the store (never published: the topic gets a tombstone). */
        static final String RETRACTED = "retracted";

        private final KeyValueStore<String, byte[]> store;
        private final Serde<ValidatedReportRecord> serde;
        private final String topic;
        /** identity → the record as it came (source URL and all), for the incoming version and the entries read. */
        private final Map<String, ParsedReportRecord> originals = new HashMap<>();
        /** What the ledger wrote for the current input: in the store only when the whole input succeeded. */
        private final Map<String, ValidatedReportRecord> pending = new java.util.LinkedHashMap<>();
        /** The encodings of what the ledger wrote ({@link #encode}), for the store and the topic. */
        private final Map<String, byte[]> encoded = new java.util.LinkedHashMap<>();

        LedgerStore(KeyValueStore<String, byte[]> store, Serde<ValidatedReportRecord> serde, String topic) {
            this.store = store;
            this.serde = serde;
            this.topic = topic;
        }

        void startRecord() {
            originals.clear();
            pending.clear();
            encoded.clear();
        }

        void incoming(String identity, ParsedReportRecord report) {
            originals.put(identity, report);
        }

        /** The stored encoding of what the ledger wrote for an identity (after {@link #commit}). */
        byte[] written(String identity) {
            return encoded.get(identity);
        }

        /** Encodes what the ledger wrote for the current input, without storing it yet. */
        void encode() {
            pending.forEach((identity, v) -> encoded.put(identity, serde.serializer().serialize(topic, v)));
        }

        /** Stores what {@link #encode} encoded: only once the whole input succeeded. */
        void commit() {
            encoded.forEach(store::put);
        }

        @Override
        public ValidationLedger.Entry get(String identity) {
            ValidatedReportRecord v = pending.containsKey(identity) ? pending.get(identity) : read(store.get(identity));
            if (v == null) return null;
            originals.putIfAbsent(identity, v.getReport());
            return new ValidationLedger.Entry(AvroMapping.fromRecord(v.getReport()), v.getReport().getReceivedAt(), v.getLineage(),
                    RETRACTED.equals(v.getStatus()) ? null : new ValidationResult(v.getStatus(), v.getFindings().stream().map(AvroMapping::fromRecord).toList()));
        }

        private ValidatedReportRecord read(byte[] bytes) {
            return bytes == null ? null : serde.deserializer().deserialize(topic, bytes);
        }

        @Override
        public void put(String identity, ValidationLedger.Entry entry) {
            ParsedReportRecord original = originals.get(identity);
            ParsedReportRecord report = original != null && original.getReportId().equals(entry.report().reportId()) ? original
                    : AvroMapping.toRecord(entry.report(), entry.receivedAt() == null ? Instant.now() : entry.receivedAt());
            ValidatedReportRecord v = entry.retracted() ? AvroMapping.validatedRecord(report, RETRACTED, List.of(), Instant.now(), entry.lineage())
                    : AvroMapping.validatedRecord(report, entry.result().status(), entry.result().findings(), Instant.now(), entry.lineage());
            pending.put(identity, v);
        }
    }
}
