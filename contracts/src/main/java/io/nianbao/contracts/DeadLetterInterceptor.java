package io.nianbao.contracts;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The interceptor of SmallRye's dead-letter producers ({@code dead-letter-queue.interceptor.classes}):
 * before the record is serialised, a record that could not be deserialised gets its bytes back as its
 * value (SmallRye carries them in {@code deserialization-failure-data} headers, which are dropped so the
 * bytes travel once), and every dead letter gets the {@link DeadLetters} headers: reason, stage, source,
 * exception.
 */
public class DeadLetterInterceptor implements ProducerInterceptor<Object, Object>, AutoCloseable {

    private String stage = "unknown";

    @Override
    public void configure(Map<String, ?> configs) {
        Object s = configs.get(DeadLetterSerializer.STAGE_CONFIG);
        if (s != null) stage = s.toString();
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        Object value = record.value();
        if (value == null) {
            value = DeadLetterSerializer.bytes(headers, DeadLetterSerializer.FAILURE_VALUE_DATA,
                    DeadLetterSerializer.bytes(headers, DeadLetterSerializer.FAILURE_DATA, null));
        }
        for (String h : DeadLetterSerializer.DATA_HEADERS) headers.remove(h);
        // without the deserializer header SmallRye's dead-letter serialization handler lets our serializer write the value
        headers.remove("deserialization-failure-deserializer");
        DeadLetterSerializer.addReason(headers, stage);
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), value, headers);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
