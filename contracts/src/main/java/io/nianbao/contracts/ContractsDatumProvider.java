package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
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
 * twice and encoded it once more. Other records are read as Apicurio reads them.</li>
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
        return writers.computeIfAbsent(new SchemaKey(schema, data instanceof SpecificRecord), k -> super.createDatumWriter(data, schema));
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
