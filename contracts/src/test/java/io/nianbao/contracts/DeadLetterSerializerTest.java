package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What SmallRye's dead-letter queue writes through our serializer: the bytes as read, the reason in our headers. */
class DeadLetterSerializerTest {

    @Test
    void anUndecodableRecordKeepsItsBytesAndGetsTheReason() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        RecordHeaders h = new RecordHeaders();
        h.add("deserialization-failure-reason", utf8("Magic byte!"));
        h.add("deserialization-failure-data", garbage);
        h.add("deserialization-failure-value-data", garbage);
        h.add("dead-letter-reason", utf8("Magic byte!"));
        h.add("dead-letter-exception-class-name", utf8("org.apache.kafka.common.errors.RecordDeserializationException"));
        h.add("dead-letter-topic", utf8("reports.parsed"));
        h.add("dead-letter-partition", utf8("1"));
        h.add("dead-letter-offset", utf8("42"));
        try (DeadLetterSerializer s = new DeadLetterSerializer()) {
            s.configure(Map.of(DeadLetterSerializer.STAGE_CONFIG, "validate"), false);
            assertThat(s.serialize("reports.validate-failed", h, null)).isEqualTo(garbage);
        }
        assertThat(h.lastHeader("deserialization-failure-data")).isNull();
        assertThat(h.lastHeader("deserialization-failure-value-data")).isNull();
        assertThat(text(h, DeadLetters.REASON)).isEqualTo("Magic byte!");
        assertThat(text(h, DeadLetters.STAGE)).isEqualTo("validate");
        assertThat(text(h, DeadLetters.SOURCE)).isEqualTo("reports.parsed/1/42");
        assertThat(text(h, DeadLetters.EXCEPTION)).isEqualTo("org.apache.kafka.common.errors.RecordDeserializationException");
    }

    @Test
    void theInterceptorGivesAnUndecodableRecordItsBytesBackBeforeSmallRyeSerialisesIt() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        RecordHeaders h = new RecordHeaders();
        h.add("deserialization-failure-deserializer", utf8("io.apicurio.registry.serde.avro.AvroKafkaDeserializer"));
        h.add("deserialization-failure-data", garbage);
        h.add("deserialization-failure-value-data", garbage);
        h.add("dead-letter-reason", utf8("Magic byte!"));
        h.add("dead-letter-topic", utf8("reports.parsed"));
        h.add("dead-letter-partition", utf8("0"));
        h.add("dead-letter-offset", utf8("3"));
        try (DeadLetterInterceptor i = new DeadLetterInterceptor()) {
            i.configure(Map.of(DeadLetterSerializer.STAGE_CONFIG, "validate"));
            var out = i.onSend(new org.apache.kafka.clients.producer.ProducerRecord<>("reports.validate-failed", null, "k", null, h));
            assertThat(out.value()).isEqualTo(garbage);
            assertThat(out.key()).isEqualTo("k");
            RecordHeaders written = (RecordHeaders) out.headers();
            assertThat(written.lastHeader("deserialization-failure-data")).isNull();
            assertThat(written.lastHeader("deserialization-failure-deserializer")).isNull();
            assertThat(text(written, DeadLetters.REASON)).isEqualTo("Magic byte!");
            assertThat(text(written, DeadLetters.STAGE)).isEqualTo("validate");
            assertThat(text(written, DeadLetters.SOURCE)).isEqualTo("reports.parsed/0/3");
        }
    }

    @Test
    void theConsumersOwnReasonIsKept() {
        RecordHeaders h = DeadLetters.headers("the validator failed: boom", "validate", "reports.parsed/0/7", new IllegalStateException("boom"));
        h.add("dead-letter-reason", utf8("boom"));
        try (DeadLetterSerializer s = new DeadLetterSerializer()) {
            s.configure(Map.of(), false);
            assertThat(s.serialize("reports.validate-failed", h, new byte[] {1, 2})).containsExactly(1, 2);
        }
        assertThat(h.headers(DeadLetters.REASON)).hasSize(1);
        assertThat(text(h, DeadLetters.REASON)).isEqualTo("the validator failed: boom");
        assertThat(text(h, DeadLetters.EXCEPTION)).isEqualTo("java.lang.IllegalStateException");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(RecordHeaders h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
