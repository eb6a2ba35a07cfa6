package io.nianbao.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RetryTransientDeserializationTest {

    private final RetryTransientDeserialization handler = new RetryTransientDeserialization();

    @Test
    void anUnreachableRegistryIsRetriedUntilItAnswers() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<Object> deserialization = Uni.createFrom().item(() -> {
            if (attempts.incrementAndGet() < 3) throw new RuntimeException("fetching the schema", new ConnectException("Connection refused"));
            return "the record";
        });
        RecordHeaders headers = new RecordHeaders();
        assertThat(handler.decorateDeserialization(deserialization, "reports.raw", false, "avro", new byte[] {1}, headers)).isEqualTo("the record");
        assertThat(attempts).hasValue(3);
        assertThat(headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON)).isNull();
    }

    @Test
    void aRecordThatIsNotAvroIsMarkedFailedAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<Object> deserialization = Uni.createFrom().item(() -> {
            attempts.incrementAndGet();
            throw new org.apache.kafka.common.errors.SerializationException("Unknown magic byte!");
        });
        RecordHeaders headers = new RecordHeaders();
        assertThat(handler.decorateDeserialization(deserialization, "reports.raw", false, "avro", new byte[] {1}, headers)).isNull();
        assertThat(attempts).hasValue(1);
        assertThat(headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON)).isNotNull();
    }
}
