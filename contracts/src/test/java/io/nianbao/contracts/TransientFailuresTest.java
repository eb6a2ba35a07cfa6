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
        Throwable failure = deserializingThrough("http://127.0.0.1:9", 42);
        assertThat(TransientFailures.isTransient(failure)).as(String.valueOf(failure)).isTrue();
    }

    /** What deserializing a record in Apicurio's framing (magic byte, then a content id) throws, the registry asked at {@code registryUrl}. */
    private static Throwable deserializingThrough(String registryUrl, int contentId) {
        var serde = Topics.RAW.valueSerde(registryUrl);
        byte[] framed = {0, 0, 0, 0, 0, 0, 0, 0, (byte) contentId, 2, 'x'};
        try {
            serde.deserializer().deserialize(Topics.RAW.name(), framed);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("a record read without a registry");
    }

    /**
     * The registry closing the connection before it answers (seen in a chaos run: the registry's HTTP server
     * dropped a connection just after the broker restarted) is the registry's state, not the record's: the
     * registry client reports it as Vert.x's HttpClosedException, which is no IOException.
     */
    @Test
    void aRegistryThatClosesTheConnectionBeforeAnsweringFailsTransiently() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        // the whole request read (closing with bytes unread would be a reset, another failure), then no answer
                        java.io.InputStream in = s.getInputStream();
                        int matched = 0;
                        for (int b; matched < 4 && (b = in.read()) >= 0; ) matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            Throwable failure = deserializingThrough("http://127.0.0.1:" + server.getLocalPort(), 43);
            assertThat(failure).hasRootCauseInstanceOf(io.vertx.core.http.HttpClosedException.class);
            assertThat(TransientFailures.isTransient(failure)).as(String.valueOf(failure)).isTrue();
        }
    }

    @Test
    void aClosedHttpConnectionIsTransientAsTheRegistryClientWrapsIt() {
        var closed = new io.vertx.core.http.HttpClosedException("Connection was closed");
        assertThat(TransientFailures.isTransient(new RuntimeException(new RuntimeException(new java.util.concurrent.ExecutionException(closed))))).isTrue();
        assertThat(TransientFailures.isTransient(new io.vertx.core.VertxException("Connection was closed"))).isTrue();
    }
}
