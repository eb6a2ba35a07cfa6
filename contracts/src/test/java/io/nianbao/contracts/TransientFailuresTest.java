package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void anUnreachableRegistryOrBrokerIsTransientABadRecordIsNot() {
        assertThat(TransientFailures.isTransient(new SerializationException("fetching schema", new RuntimeException(new ConnectException("Connection refused"))))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new java.io.IOException("Connection reset by peer")))).isTrue();
        assertThat(TransientFailures.isTransient(new org.apache.kafka.common.errors.TimeoutException("metadata"))).isTrue();
        assertThat(TransientFailures.isTransient(new SerializationException("Unknown magic byte!"))).isFalse();
        assertThat(TransientFailures.isTransient(new AvroRuntimeException("Malformed data. Length is negative: -40"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("not a RawReport"))).isFalse();
    }

    /** The registry client's error with the HTTP status it got. */
    private static final class RegistryAnswered extends com.microsoft.kiota.ApiException {
        RegistryAnswered(int status) {
            super("the registry answered " + status);
            setResponseStatusCode(status);
        }
    }

    @Test
    void aRegistryAnswering5xxIsTransientA4xxIsNot() {
        assertThat(TransientFailures.isTransient(new SerializationException("fetching schema", new RegistryAnswered(503)))).isTrue();
        assertThat(TransientFailures.isTransient(new SerializationException("fetching schema", new RegistryAnswered(429)))).isTrue();
        assertThat(TransientFailures.isTransient(new SerializationException("fetching schema", new RegistryAnswered(404)))).isFalse();
    }

    @Test
    void anApicurioDeserializerWhoseRegistryIsDownFailsTransiently() {
        // a record in Apicurio's framing (magic byte, then a content id) that no registry can be asked about
        var serde = Topics.RAW.valueSerde("http://127.0.0.1:9");
        byte[] framed = {0, 0, 0, 0, 0, 0, 0, 0, 42, 2, 'x'};
        Throwable failure = null;
        try {
            serde.deserializer().deserialize(Topics.RAW.name(), framed);
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(TransientFailures.isTransient(failure)).as(String.valueOf(failure)).isTrue();
    }
}
