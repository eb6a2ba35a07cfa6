package io.nianbao.contracts;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.header.Headers;

/**
 * Apicurio's Avro serializer writing through {@link ContractsDatumProvider}. The provider is given as
 * the class itself, resolved beside this one: given by name, Apicurio would load it with the thread's
 * context class loader, which under Quarkus tests holds another copy of Apicurio's interfaces.
 *
 * <p>Apicurio encodes with Avro's direct (unbuffered) encoder into a {@link java.io.ByteArrayOutputStream}
 * that starts at 32 bytes: every string, length and number of a report was a synchronized write, and the
 * array was copied each time it doubled. The encoding goes into this thread's {@link Buffer} instead, and
 * reaches Apicurio's stream in one write.
 */
public class ContractsAvroSerializer<U> extends AvroKafkaSerializer<U> {

    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(withProvider(configs), isKey);
    }

    static Map<String, Object> withProvider(Map<String, ?> configs) {
        Map<String, Object> c = new HashMap<>(configs);
        c.put(Registry.DATUM_PROVIDER_PROPERTY, ContractsDatumProvider.class);
        return c;
    }

    @Override
    protected void serializeData(Headers headers, ParsedSchema<Schema> schema, U data, OutputStream out) throws IOException {
        Buffer buffer = BUFFER.get();
        buffer.reset();
        super.serializeData(headers, schema, data, buffer);
        out.write(buffer.bytes, 0, buffer.size);
    }

    /** An unsynchronized growing byte array, reused by its thread; one that grew past {@value #KEPT_BYTES} bytes is let go at the next use. */
    static final class Buffer extends OutputStream {
        static final int INITIAL_BYTES = 16 * 1024;
        static final int KEPT_BYTES = 1024 * 1024;
        byte[] bytes = new byte[INITIAL_BYTES];
        int size;

        void reset() {
            size = 0;
            if (bytes.length > KEPT_BYTES) bytes = new byte[INITIAL_BYTES];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
