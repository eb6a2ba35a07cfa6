package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.AvroSerde;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A topic's name bundled with its key and value serdes, so no service spells a topic name or configures
 * a serde by hand. Keys are strings; values are Avro records whose schema lives in Apicurio Registry.
 *
 * @param kind what the topic is (a stream of events, a table of the latest value per key, dead letters),
 *             which decides its cleanup and retention ({@link TopicAdmin#configs})
 * @param channel the SmallRye channel name for this topic (topic names contain dots, channel names cannot)
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, Kind kind, String channel) {

    /** What a topic holds, declared once here; {@link TopicAdmin} turns it into the topic's configuration. */
    public enum Kind {
        /** Events, each kept for the stream retention, then deleted. */
        STREAM,
        /** The latest value per key is the state: compacted, never expires (a tombstone removes a key). */
        TABLE,
        /**
         * Records a stage could not handle, as they were read from its input (the bytes unchanged, so a
         * replay sends back exactly what failed), the reason in {@link DeadLetters} headers; kept longer.
         */
        DEAD_LETTERS
    }

    public Topic(String name, Class<V> valueType, Kind kind) {
        this(name, valueType, kind, name.replace('.', '-'));
    }

    /** Whether the topic keeps only the latest value per key. */
    public boolean compacted() {
        return kind == Kind.TABLE;
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /**
     * A configured Avro value serde for Kafka Streams and plain clients. It reads records straight into
     * the generated classes ({@link ContractsDatumProvider}); {@link #fromGeneric} turns whatever else
     * arrives (a generic record, a generated one of another class loader) into {@code valueType} with that
     * class's own loader, so it works whatever the thread's context class loader is (Quarkus tests, Kafka
     * Streams threads).
     */
    public Serde<V> valueSerde(String registryUrl) {
        AvroSerde<GenericRecord> avro = new AvroSerde<>();
        Map<String, Object> config = new java.util.HashMap<>(Registry.serdeConfig(registryUrl));
        config.put("apicurio.registry.use-specific-avro-reader", "false");
        avro.configure(config, false);
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : avro.serializer().serialize(topic, (GenericRecord) value),
                (topic, bytes) -> bytes == null ? null : fromGeneric(avro.deserializer().deserialize(topic, bytes)));
    }

    /**
     * A record read as generic Avro, as this topic's specific class (null stays null). Re-encoding lets
     * the specific reader apply the generated class's logical-type conversions (timestamps → Instant).
     */
    public V fromGeneric(Object value) {
        if (value == null || valueType.isInstance(value)) return valueType.cast(value);
        GenericRecord generic = (GenericRecord) value;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            Codec<V> codec = codec(generic);
            codec.writer().write(generic, encoder);
            encoder.flush();
            return codec.reader().read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + valueType.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A writer schema's writer and resolving specific reader, built once: building them costs more than a record. */
    private record Codec<V>(DatumWriter<GenericRecord> writer, SpecificDatumReader<V> reader) {
    }

    private static final java.util.concurrent.ConcurrentMap<java.util.List<Object>, Codec<?>> CODECS = new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private Codec<V> codec(GenericRecord value) {
        Schema writerSchema = value.getSchema();
        return (Codec<V>) CODECS.computeIfAbsent(java.util.List.of(valueType, writerSchema, value.getClass()), k -> {
            // the class's own loader: under Quarkus tests the thread's loader would find a second copy of the class
            SpecificData model = new SpecificData(valueType.getClassLoader());
            model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
            // a generated record of another class loader (ContractsDatumProvider read it) is written with its own model: its fields hold Instants
            DatumWriter<GenericRecord> writer = value instanceof SpecificRecordBase specific
                    ? new SpecificDatumWriter<>(writerSchema, specific.getSpecificData()) : new GenericDatumWriter<>(writerSchema);
            return new Codec<>(writer, new SpecificDatumReader<V>(writerSchema, schemaOf(valueType), model));
        });
    }

    private static Schema schemaOf(Class<?> type) {
        try {
            return (Schema) type.getMethod("getClassSchema").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not an Avro specific record", e);
        }
    }

    public static final Class<StringSerializer> KEY_SERIALIZER = StringSerializer.class;
    public static final Class<StringDeserializer> KEY_DESERIALIZER = StringDeserializer.class;
    @SuppressWarnings("rawtypes")
    public static final Class<ContractsAvroSerializer> VALUE_SERIALIZER = ContractsAvroSerializer.class;
    @SuppressWarnings("rawtypes")
    public static final Class<ContractsAvroDeserializer> VALUE_DESERIALIZER = ContractsAvroDeserializer.class;

    /**
     * Consumer properties for clients outside SmallRye: values arrive as the generated classes
     * ({@link ContractsDatumProvider}; {@link #fromGeneric} makes sure of {@code valueType}), offsets are not committed.
     */
    public Map<String, Object> consumerConfig(String bootstrap, String registryUrl, String groupId) {
        Map<String, Object> config = new java.util.HashMap<>(clientSerdeConfig(registryUrl));
        config.put("apicurio.registry.use-specific-avro-reader", "false");
        config.put("bootstrap.servers", bootstrap);
        KafkaClientSecurity.applyTo(config);
        config.put("group.id", groupId);
        config.put("enable.auto.commit", "false");
        return config;
    }

    /** Producer or consumer properties for this topic, for clients outside SmallRye. */
    public Map<String, Object> clientSerdeConfig(String registryUrl) {
        Map<String, Object> config = new java.util.HashMap<>(Registry.serdeConfig(registryUrl));
        config.put("key.serializer", KEY_SERIALIZER.getName());
        config.put("value.serializer", VALUE_SERIALIZER.getName());
        config.put("key.deserializer", KEY_DESERIALIZER.getName());
        config.put("value.deserializer", VALUE_DESERIALIZER.getName());
        // a topic partitioned by something other than the key: every producer to it must agree (reports.parsed)
        Topics.partitioner(this).ifPresent(p -> config.put("partitioner.class", p.getName()));
        return config;
    }
}
