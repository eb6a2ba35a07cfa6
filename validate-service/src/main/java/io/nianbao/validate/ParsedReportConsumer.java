package io.nianbao.validate;

import io.micrometer.core.instrument.MeterRegistry;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationLedger;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The transport shell: reads reports.parsed, lets the {@link ValidationLedger} validate, then publishes
 * the validated report (keyed by issuer|year) and one issue record per finding raised or withdrawn.
 * Failures go to reports.validate-failed with the reason in headers; the consumer never stops.
 */
@ApplicationScoped
public class ParsedReportConsumer {

    private static final Logger LOG = Logger.getLogger(ParsedReportConsumer.class);

    private final ValidationLedger ledger = new ValidationLedger(new RuleEngine());
    private volatile boolean restored;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "nianbao.registry.url")
    String registryUrl;

    @Inject
    @Channel(Topics.VALIDATED_CHANNEL)
    MutinyEmitter<ValidatedReportRecord> validated;

    @Inject
    @Channel(Topics.ISSUES_CHANNEL)
    MutinyEmitter<ValidationIssueRecord> issues;

    @Inject
    @Channel(Topics.VALIDATE_FAILED_CHANNEL)
    MutinyEmitter<ParsedReportRecord> failed;

    @Inject
    MeterRegistry metrics;

    @Incoming(Topics.PARSED_CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, GenericRecord> record) {
        restoreOnce();
        ParsedReportRecord parsed;
        try {
            parsed = Topics.PARSED.fromGeneric(record.value());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null) {
            LOG.warnf("skipping %s/%d/%d: not a ParsedReport (%s)", record.topic(), record.partition(), record.offset(),
                    header(record, "deserialization-failure-reason"));
            metrics.counter("nianbao.validate.undecodable").increment();
            return;
        }
        try {
            ParsedReport report = AvroMapping.fromRecord(parsed);
            for (ValidationLedger.Publication p : ledger.accept(report)) publish(p, parsed.getReceivedAt());
            metrics.counter("nianbao.validate.validated").increment();
        } catch (RuntimeException e) {
            LOG.errorf(e, "validating report %s failed", parsed.getReportId());
            deadLetter(parsed, record, "the validator failed: " + e, e);
        }
    }

    private void publish(ValidationLedger.Publication p, Instant receivedAt) {
        ParsedReport r = p.report();
        ValidatedReportRecord v = ValidatedReportRecord.newBuilder()
                .setReport(AvroMapping.toRecord(r, receivedAt))
                .setStatus(p.result().status())
                .setFindings(AvroMapping.toRecords(p.result().findings()))
                .setValidatedAt(Instant.now())
                .build();
        validated.sendMessageAndAwait(Message.of(v).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(Findings.identity(r)).build()));
        for (Finding f : p.withdrawn()) issue(r, f, Issues.WITHDRAWN);
        for (Finding f : p.raised()) issue(r, f, Issues.RAISED);
    }

    private void issue(ParsedReport r, Finding f, String action) {
        issues.sendMessageAndAwait(Message.of(Issues.record(r, f, action)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Issues.key(r)).withHeaders(Issues.headers(r, f, action)).build()));
        metrics.counter("nianbao.validate.issues", "action", action, "severity", f.severity().id()).increment();
    }

    private synchronized void restoreOnce() {
        if (restored) return;
        LedgerRestore.restore(ledger, bootstrap, registryUrl);
        restored = true;
    }

    private void deadLetter(ParsedReportRecord parsed, ConsumerRecord<String, GenericRecord> source, String reason, Throwable error) {
        metrics.counter("nianbao.validate.failed").increment();
        var headers = DeadLetters.headers(reason, "validate", source.topic() + "/" + source.partition() + "/" + source.offset(), error);
        failed.sendMessageAndAwait(Message.of(parsed).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(parsed.getReportId()).withHeaders(headers).build()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "unknown" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
