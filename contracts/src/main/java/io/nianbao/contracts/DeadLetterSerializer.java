package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serializer of SmallRye's dead-letter queues ({@code dead-letter-queue.value.serializer}).
 * A dead letter carries the record as it was read from its source topic:
 * <ul>
 *   <li>a record that could not be deserialised arrives with a null payload and its bytes in SmallRye's
 *       {@code deserialization-failure-data} headers: those bytes become the value, unchanged, and the
 *       copies in headers are dropped (a 5 MB record would otherwise travel three times);</li>
 *   <li>a record the consumer nacked is written back as Avro (its schema registered under the
 *       dead-letter topic), or as bytes when it is bytes.</li>
 * </ul>
 * It adds the {@link DeadLetters} headers from SmallRye's own ({@code dead-letter-reason},
 * {@code dead-letter-topic}/{@code -partition}/{@code -offset}, {@code dead-letter-exception-class-name})
 * unless the consumer set them when it nacked; the stage comes from the {@value #STAGE_CONFIG} property.
 * <p>
 * SmallRye writes an undecodable record's bytes itself, without calling the value serializer, so
 * {@link DeadLetterInterceptor} (the dead-letter producer's interceptor) moves them into the value and
 * adds the reason before SmallRye sees the record.
 */
public class DeadLetterSerializer implements Serializer<Object> {

    /** The producer property naming the stage that dead-letters (parse, validate, …). */
    public static final String STAGE_CONFIG = "nianbao.dead-letter.stage";

    static final String SMALLRYE_REASON = "dead-letter-reason";
    static final String SMALLRYE_CAUSE = "dead-letter-cause";
    static final String SMALLRYE_EXCEPTION = "dead-letter-exception-class-name";
    static final String SMALLRYE_CAUSE_EXCEPTION = "dead-letter-cause-class-name";
    static final String SMALLRYE_TOPIC = "dead-letter-topic";
    static final String SMALLRYE_PARTITION = "dead-letter-partition";
    static final String SMALLRYE_OFFSET = "dead-letter-offset";
    static final String FAILURE_DATA = "deserialization-failure-data";
    static final String FAILURE_VALUE_DATA = "deserialization-failure-value-data";
    static final String FAILURE_KEY_DATA = "deserialization-failure-key-data";
    static final String FAILURE_REASON = "deserialization-failure-reason";
    /** The headers that hold a copy of the record's bytes. */
    static final List<String> DATA_HEADERS = List.of(FAILURE_DATA, FAILURE_VALUE_DATA, FAILURE_KEY_DATA);

    private final AvroKafkaSerializer<Object> avro = new AvroKafkaSerializer<>();
    private String stage = "unknown";
    private boolean avroConfigured;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> c = new HashMap<>(configs);
        c.put("apicurio.registry.auto-register", "true");
        Object s = configs.get(STAGE_CONFIG);
        if (s != null) stage = s.toString();
        if (c.containsKey(Registry.URL_PROPERTY)) {
            avro.configure(c, isKey);
            avroConfigured = true;
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        byte[] value;
        if (data == null) {
            value = headers == null ? null : bytes(headers, FAILURE_VALUE_DATA, bytes(headers, FAILURE_DATA, null));
        } else if (data instanceof byte[] b) {
            value = b;
        } else {
            if (!avroConfigured) throw new IllegalStateException("no " + Registry.URL_PROPERTY + " configured to write an Avro dead letter");
            value = avro.serialize(topic, headers, data);
        }
        if (headers != null) {
            for (String h : DATA_HEADERS) headers.remove(h);
            addReason(headers, stage);
        }
        return value;
    }

    /** Adds the {@link DeadLetters} headers from SmallRye's, unless they are there already. */
    static void addReason(Headers headers, String stage) {
        if (headers.lastHeader(DeadLetters.REASON) != null) return;
        String reason = text(headers, SMALLRYE_REASON, text(headers, FAILURE_REASON, "unknown"));
        String cause = text(headers, SMALLRYE_CAUSE, null);
        if (cause != null && !reason.contains(cause)) reason = reason + ": " + cause;
        String source = text(headers, SMALLRYE_TOPIC, "unknown") + "/" + text(headers, SMALLRYE_PARTITION, "?") + "/" + text(headers, SMALLRYE_OFFSET, "?");
        String exception = text(headers, SMALLRYE_CAUSE_EXCEPTION, text(headers, SMALLRYE_EXCEPTION, null));
        headers.add(DeadLetters.REASON, utf8(reason));
        headers.add(DeadLetters.STAGE, utf8(stage));
        headers.add(DeadLetters.SOURCE, utf8(source));
        if (exception != null) headers.add(DeadLetters.EXCEPTION, utf8(exception));
    }

    static byte[] bytes(Headers headers, String name, byte[] fallback) {
        Header h = headers.lastHeader(name);
        return h == null ? fallback : h.value();
    }

    private static String text(Headers headers, String name, String fallback) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? fallback : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (avroConfigured) avro.close();
    }
}
