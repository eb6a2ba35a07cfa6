package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's datum provider ({@code apicurio.registry.avro-datum-provider}) with two changes that count
 * at thousands of records a second:
 * <ul>
 * <li>writers and readers are cached by the schema itself: Apicurio keys its caches by the schema's
 * parsing fingerprint, which it works out again, walking the whole schema, for every record (a third of
 * the time a record took to serialise in validate-service's profile);</li>
 * <li>a record whose schema names one of the contracts' generated classes is read straight into that
 * class, resolving older writer schemas against the class's own (defaults filled in), with the
 * timestamp conversions: one decode, where a generic read then {@link Topic#fromGeneric} decoded it
 * twice and encoded it once more. Other records are read as Apicurio reads them;</li>
 * <li>a record is encoded with Avro's buffered encoder into this thread's {@link Buffer}, and handed to
 * Apicurio's encoder in one write ({@link BufferedWriter}): Apicurio encodes with the direct (unbuffered)
 * encoder into a {@link java.io.ByteArrayOutputStream}, so every string, length and number of a report was a
 * synchronized write, and the stream's array was copied each time it doubled
 * ({@code ByteArrayOutputStream.ensureCapacity}, 3 % of aggregate-service's stream thread by JFR).</li>
 * </ul>
 * The classes come from this class's own loader, the one that loaded the generated classes beside it,
 * whatever the calling thread's context loader is.
 */
public class ContractsDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Far more than the schemas and versions in use: a bound, should some client make up schemas. */
    private static final int MAX_CACHED = 512;
    private static final SpecificData MODEL = model();

    private final ConcurrentMap<SchemaKey, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ConcurrentMap<SchemaKey, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /**
     * A schema and whether the datum is a specific record. Avro caches a schema's hash in the instance and
     * compares by identity first, so the usual case, the same instance record after record, costs a
     * field read; a new instance of an equal schema is hashed once.
     */
    private record SchemaKey(Schema schema, boolean specific) {
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        if (writers.size() > MAX_CACHED) writers.clear();
        return writers.computeIfAbsent(new SchemaKey(schema, data instanceof SpecificRecord), k -> new BufferedWriter<>(super.createDatumWriter(data, schema)));
    }

    /** This thread's buffer and the buffered encoder writing into it. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final Buffer buffer = new Buffer();
        BinaryEncoder encoder;
    }

    /**
     * A writer that encodes into this thread's buffer and gives a binary encoder the bytes in one
     * {@code writeFixed}: the same bytes as writing to it field by field. Another encoder (Apicurio's JSON
     * encoding) is written to as before.
     */
    static final class BufferedWriter<T> implements DatumWriter<T> {
        private final DatumWriter<T> writer;

        BufferedWriter(DatumWriter<T> writer) {
            this.writer = writer;
        }

        @Override
        public void setSchema(Schema schema) {
            writer.setSchema(schema);
        }

        @Override
        public void write(T datum, Encoder out) throws IOException {
            if (!(out instanceof BinaryEncoder)) {
                writer.write(datum, out);
                return;
            }
            Scratch scratch = SCRATCH.get();
            // configured first: what a write that threw left in the encoder goes to the buffer, which is then emptied
            scratch.encoder = EncoderFactory.get().binaryEncoder(scratch.buffer, scratch.encoder);
            scratch.buffer.reset();
            writer.write(datum, scratch.encoder);
            scratch.encoder.flush();
            out.writeFixed(scratch.buffer.bytes, 0, scratch.buffer.size);
        }
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

    @Override
    @SuppressWarnings("unchecked")
    public DatumReader<T> createDatumReader(Schema writerSchema) {
        if (readers.size() > MAX_CACHED) readers.clear();
        return readers.computeIfAbsent(new SchemaKey(writerSchema, false), k -> {
            Schema readerSchema = contractsSchema(writerSchema);
            return readerSchema == null ? super.createDatumReader(writerSchema) : (DatumReader<T>) new SpecificDatumReader<>(writerSchema, readerSchema, MODEL);
        });
    }

    /** The generated class's schema for a writer schema of the same full name, or null when it is not one of ours. */
    static Schema contractsSchema(Schema writerSchema) {
        if (writerSchema.getType() != Schema.Type.RECORD || !writerSchema.getFullName().startsWith(AVRO_PACKAGE)) return null;
        Class<?> type = MODEL.getClass(writerSchema);
        return type == null || !SpecificRecord.class.isAssignableFrom(type) ? null : MODEL.getSchema(type);
    }

    private static final String AVRO_PACKAGE = io.nianbao.contracts.avro.RawReport.class.getPackageName() + ".";

    /** The conversion the model applies to a logical type, or null (a test checks every one the schemas use). */
    static org.apache.avro.Conversion<?> conversionFor(String logicalType) {
        return MODEL.getConversions().stream().filter(c -> c.getLogicalTypeName().equals(logicalType)).findFirst().orElse(null);
    }

    private static SpecificData model() {
        SpecificData model = new SpecificData(ContractsDatumProvider.class.getClassLoader());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return model;
    }
}
