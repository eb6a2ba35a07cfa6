package io.nianbao.validate;

import io.micrometer.core.instrument.Counter;
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
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The transport shell: reads reports.parsed, lets the {@link ValidationLedger} validate, then publishes
 * the validated report (keyed by issuer|year) and one issue record per finding raised or withdrawn.
 * <p>
 * Records are validated one at a time in offset order (the ledger is a sequence of versions), but the
 * consumer does not wait for each record's sends: they go to the producer (idempotent, so ordered per
 * partition) and the record is acknowledged when every one of them is, so its offset is committed only
 * after its outputs are on the broker (SmallRye commits the highest offset below which everything is
 * acknowledged: at least once). At most {@value #MAX_IN_FLIGHT} output records wait at a time.
 * <p>
 * A record that is not a parsed report, or that the validator fails on, goes to reports.validate-failed
 * through SmallRye's dead-letter queue, as it was read, with the reason in headers; the consumer goes on.
 * A publication the broker refuses is not dead-lettered (the ledger has moved on): the record stays
 * unacknowledged, the channel's health check turns DOWN after a minute, and after a restart the record is
 * read again with the ledger restored from reports.validated.
 */
@ApplicationScoped
public class ParsedReportConsumer {

    private static final Logger LOG = Logger.getLogger(ParsedReportConsumer.class);
    static final int MAX_IN_FLIGHT = 4096;

    private final ValidationLedger ledger = new ValidationLedger(new RuleEngine());
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean restored;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "nianbao.registry.url")
    String registryUrl;

    @Inject
    @Channel(Topics.VALIDATED_CHANNEL)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) // bounded by inFlight
    MutinyEmitter<ValidatedReportRecord> validated;

    @Inject
    @Channel(Topics.ISSUES_CHANNEL)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<ValidationIssueRecord> issues;

    @Inject
    MeterRegistry metrics;

    private Counter validatedCount;
    private Counter failedCount;
    private Counter publishFailedCount;

    @PostConstruct
    void counters() {
        validatedCount = metrics.counter("nianbao.validate.validated");
        failedCount = metrics.counter("nianbao.validate.failed");
        publishFailedCount = metrics.counter("nianbao.validate.publish.failed");
    }

    @Incoming(Topics.PARSED_CHANNEL)
    @Blocking // ordered: one record at a time, in offset order, off the event loop
    public CompletionStage<Void> consume(Message<GenericRecord> message) {
        restoreOnce();
        String source = source(message);
        ParsedReportRecord parsed;
        try {
            parsed = Topics.PARSED.fromGeneric(message.getPayload());
        } catch (RuntimeException e) {
            return deadLetter(message, source, "the record is not a ParsedReport: " + e.getMessage(), e);
        }
        if (parsed == null) return message.ack(); // a tombstone: nothing to validate
        List<ValidationLedger.Publication> publications;
        try {
            publications = ledger.accept(AvroMapping.fromRecord(parsed));
        } catch (RuntimeException e) {
            LOG.errorf(e, "validating report %s failed", parsed.getReportId());
            return deadLetter(message, source, "the validator failed: " + e, e);
        }
        List<Message<ValidatedReportRecord>> reports = new ArrayList<>();
        List<Message<ValidationIssueRecord>> findings = new ArrayList<>();
        for (ValidationLedger.Publication p : publications) {
            reports.add(validatedMessage(p, parsed.getReceivedAt()));
            for (Finding f : p.withdrawn()) findings.add(issueMessage(p.report(), f, Issues.WITHDRAWN));
            for (Finding f : p.raised()) findings.add(issueMessage(p.report(), f, Issues.RAISED));
        }
        int permits = Math.min(MAX_IN_FLIGHT, reports.size() + findings.size());
        inFlight.acquireUninterruptibly(permits);
        List<CompletableFuture<Void>> sends = new ArrayList<>(reports.size() + findings.size());
        for (Message<ValidatedReportRecord> m : reports) sends.add(validated.sendMessage(m).subscribeAsCompletionStage());
        for (Message<ValidationIssueRecord> m : findings) sends.add(issues.sendMessage(m).subscribeAsCompletionStage());
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            inFlight.release(permits);
            if (failure == null) {
                for (Message<ValidationIssueRecord> m : findings) {
                    ValidationIssueRecord i = m.getPayload();
                    metrics.counter("nianbao.validate.issues", "action", i.getAction(), "severity", i.getSeverity()).increment();
                }
                validatedCount.increment();
                message.ack();
            } else {
                publishFailedCount.increment();
                LOG.errorf(failure, "publishing the validation of %s (%s) failed: it stays unacknowledged and is read again after a restart",
                        parsed.getReportId(), source);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    private Message<ValidatedReportRecord> validatedMessage(ValidationLedger.Publication p, Instant receivedAt) {
        ParsedReport r = p.report();
        ValidatedReportRecord v = ValidatedReportRecord.newBuilder()
                .setReport(AvroMapping.toRecord(r, receivedAt))
                .setStatus(p.result().status())
                .setFindings(AvroMapping.toRecords(p.result().findings()))
                .setValidatedAt(Instant.now())
                .build();
        return Message.of(v).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(Findings.identity(r)).build());
    }

    private static Message<ValidationIssueRecord> issueMessage(ParsedReport r, Finding f, String action) {
        return Message.of(Issues.record(r, f, action)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Issues.key(r)).withHeaders(Issues.headers(r, f, action)).build());
    }

    /** Through SmallRye's dead-letter queue (reports.validate-failed), the record as read, our reason in headers. */
    private CompletionStage<Void> deadLetter(Message<GenericRecord> message, String source, String reason, Throwable error) {
        failedCount.increment();
        LOG.warnf("%s → %s: %s", source, Topics.VALIDATE_FAILED.name(), reason);
        var headers = DeadLetters.headers(reason, "validate", source, error);
        return message.nack(error, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }

    private static String source(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "/" + m.getPartition() + "/" + m.getOffset())
                .orElse(Topics.PARSED.name() + "/?/?");
    }

    private synchronized void restoreOnce() {
        if (restored) return;
        LedgerRestore.restore(ledger, bootstrap, registryUrl);
        restored = true;
    }
}
