package io.nianbao.parse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.core.ReportParser;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * The transport shell: reads reports.raw, hands each record to {@link ParseHandler} and returns the
 * parsed report for reports.parsed, keyed by its identity (division|issuer|year, {@code ReportIdentity})
 * and put on its lineage's partition ({@code LineagePartitioner}), where validate-service follows the lineage.
 * <p>
 * Several reports are parsed at once, on the {@value #POOL} worker pool
 * ({@code smallrye.messaging.worker.parse.max-concurrency} threads, which also bounds how many records
 * are in the method at a time), and nothing waits for a send: the output goes to the producer and the
 * input is acknowledged when the broker has the output, so its offset is committed only then (SmallRye
 * commits the highest offset below which every record is acknowledged: at least once). Outputs may leave
 * in another order than their inputs came; each is a function of its own input only.
 * <p>
 * A record that is not Avro (SmallRye's source dead-letters it before it gets here), is not a raw
 * report, or that the parser refuses ({@link ParseHandler.Unparseable}: a scanned PDF, a text without
 * the template's tables) or fails on, is nacked with the reason and goes to reports.parse-failed through
 * SmallRye's dead-letter queue, as it was read; the consumer goes on with the next record. An output the
 * broker refuses is not dead-lettered: its input stays unacknowledged, the channel's health turns DOWN
 * after a minute, and after a restart the record is read and parsed again.
 */
@ApplicationScoped
public class RawReportConsumer {

    private static final Logger LOG = Logger.getLogger(RawReportConsumer.class);
    static final String POOL = "parse";

    private final ParseHandler handler = new ParseHandler(new ReportParser());

    @Inject
    MeterRegistry metrics;

    private Counter parsedCount;
    private Counter failedCount;
    private Counter publishFailedCount;

    @PostConstruct
    void counters() {
        parsedCount = metrics.counter("nianbao.parse.parsed");
        failedCount = metrics.counter("nianbao.parse.failed");
        publishFailedCount = metrics.counter("nianbao.parse.publish.failed");
    }

    @Incoming(Topics.RAW_CHANNEL)
    @Outgoing(Topics.PARSED_CHANNEL)
    @Blocking(value = POOL, ordered = false)
    public Message<ParsedReportRecord> parse(Message<GenericRecord> message) {
        String source = source(message);
        if (message.getPayload() == null) { // a tombstone: nothing to parse
            message.ack();
            return null;
        }
        RawReport raw;
        try {
            raw = Topics.RAW.fromGeneric(message.getPayload());
        } catch (RuntimeException e) {
            return deadLetter(message, source, "the record is not a RawReport: " + e.getMessage(), e);
        }
        ParsedReportRecord result;
        try {
            result = handler.handle(raw);
        } catch (ParseHandler.Unparseable e) {
            return deadLetter(message, source, e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.errorf(e, "parsing report %s (%s) failed", raw.getId(), source);
            return deadLetter(message, source, "the parser failed: " + e, e);
        }
        String id = raw.getId();
        // the partition is the lineage's (LineagePartitioner, configured on the channel); the header names it for a replay
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        io.nianbao.contracts.LineagePartitioner.addHeader(headers, io.nianbao.contracts.AvroMapping.lineage(result));
        return Message.of(result, Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.getIdentity()).withHeaders(headers).build()))
                .withAck(() -> message.ack().thenRun(parsedCount::increment))
                .withNack(failure -> {
                    publishFailedCount.increment();
                    LOG.errorf(failure, "publishing the parse of %s (%s) failed: it stays unacknowledged and is read again after a restart",
                            id, source);
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** Through SmallRye's dead-letter queue (reports.parse-failed), the record as read, our reason in headers; nothing is forwarded. */
    private Message<ParsedReportRecord> deadLetter(Message<GenericRecord> message, String source, String reason, Throwable error) {
        failedCount.increment();
        LOG.warnf("%s → %s: %s", source, Topics.PARSE_FAILED.name(), reason);
        var headers = DeadLetters.headers(reason, "parse", source, error);
        message.nack(error, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
        return null;
    }

    private static String source(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "/" + m.getPartition() + "/" + m.getOffset())
                .orElse(Topics.RAW.name() + "/?/?");
    }
}
