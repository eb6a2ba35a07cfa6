package io.nianbao.parse;

import io.micrometer.core.instrument.MeterRegistry;
import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.core.ReportParser;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The transport shell: reads reports.raw, hands each record to {@link ParseHandler}, writes the result
 * to reports.parsed, and anything that fails to reports.parse-failed with the reason in headers. It
 * never throws, so one bad report cannot stop the consumer.
 */
@ApplicationScoped
public class RawReportConsumer {

    private static final Logger LOG = Logger.getLogger(RawReportConsumer.class);

    private final ParseHandler handler = new ParseHandler(new ReportParser());

    @Inject
    @Channel(Topics.PARSED_CHANNEL)
    MutinyEmitter<ParsedReportRecord> parsed;

    @Inject
    @Channel(Topics.PARSE_FAILED_CHANNEL)
    MutinyEmitter<RawReport> failed;

    @Inject
    MeterRegistry metrics;

    @Incoming(Topics.RAW_CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, GenericRecord> record) {
        RawReport raw;
        String notRaw = header(record, "deserialization-failure-reason");
        try {
            raw = Topics.RAW.fromGeneric(record.value());
        } catch (RuntimeException e) {
            raw = null;
            notRaw = e.toString();
        }
        if (raw == null) {
            deadLetter(undecodable(record), record, "the record is not a RawReport: " + notRaw, null);
            return;
        }
        try {
            ParsedReportRecord result = handler.handle(raw);
            parsed.sendMessageAndAwait(Message.of(result).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(raw.getId()).build()));
            metrics.counter("nianbao.parse.parsed").increment();
        } catch (ParseHandler.Unparseable e) {
            deadLetter(raw, record, e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "parsing report %s failed", raw.getId());
            deadLetter(raw, record, "the parser failed: " + e, e);
        }
    }

    private void deadLetter(RawReport raw, ConsumerRecord<String, GenericRecord> source, String reason, Throwable error) {
        metrics.counter("nianbao.parse.failed").increment();
        LOG.warnf("report %s → %s: %s", raw.getId(), Topics.PARSE_FAILED.name(), reason);
        var headers = DeadLetters.headers(reason, "parse", source.topic() + "/" + source.partition() + "/" + source.offset(), error);
        failed.sendMessageAndAwait(Message.of(raw).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(raw.getId()).withHeaders(headers).build()));
    }

    /** A record that is not Avro keeps its bytes: they travel in the dead letter's body. */
    private static RawReport undecodable(ConsumerRecord<String, GenericRecord> record) {
        Header data = record.headers().lastHeader("deserialization-failure-data");
        byte[] bytes = data == null ? new byte[0] : data.value();
        return RawReport.newBuilder()
                .setId("undecodable-" + record.topic() + "-" + record.partition() + "-" + record.offset())
                .setReceivedAt(Instant.ofEpochMilli(record.timestamp()))
                .setContentType("application/octet-stream")
                .setCharset("binary")
                .setBody(ByteBuffer.wrap(bytes))
                .build();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "unknown" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
