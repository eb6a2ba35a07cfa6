package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class ReadTest {

    @Test
    void readsOnceAndWritesTheBytesItWasReadFromWithoutEncodingAgain() {
        AtomicInteger encodings = new AtomicInteger();
        Serde<String> counting = Serdes.serdeFrom((topic, s) -> {
            encodings.incrementAndGet();
            return s.getBytes(StandardCharsets.UTF_8);
        }, (topic, b) -> new String(b, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT));
        Serde<Read<String>> serde = Read.serde(counting);
        byte[] bytes = "written by someone else".getBytes(StandardCharsets.UTF_8);

        Read<String> read = serde.deserializer().deserialize("t", bytes);

        assertThat(read.value()).isEqualTo("WRITTEN BY SOMEONE ELSE");
        assertThat(serde.serializer().serialize("t", read)).isSameAs(bytes);
        assertThat(encodings).hasValue(0);
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void bytesReadAsNoValueFailInsteadOfPassingForATombstone() {
        Serde<Read<String>> serde = Read.serde(Serdes.serdeFrom((topic, v) -> new byte[0], (topic, b) -> null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2}))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class).hasMessageContaining("read as no value");
    }
}
