package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A topic's name bundled with its key and value serdes, so no service spells a topic name or configures
 * a serde by hand. Keys are strings; values are Avro records whose schema lives in Apicurio Registry.
 *
 * @param channel the SmallRye channel name for this topic (topic names contain dots, channel names cannot)
 * @param compacted whether the topic keeps only the latest value per key
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, boolean compacted, String channel) {

    public Topic(String name, Class<V> valueType, boolean compacted) {
        this(name, valueType, compacted, name.replace('.', '-'));
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A configured Avro value serde for Kafka Streams and plain clients. */
    public Serde<V> valueSerde(String registryUrl) {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(Registry.serdeConfig(registryUrl), false);
        return serde;
    }

    public static final Class<StringSerializer> KEY_SERIALIZER = StringSerializer.class;
    public static final Class<StringDeserializer> KEY_DESERIALIZER = StringDeserializer.class;
    @SuppressWarnings("rawtypes")
    public static final Class<AvroKafkaSerializer> VALUE_SERIALIZER = AvroKafkaSerializer.class;
    @SuppressWarnings("rawtypes")
    public static final Class<AvroKafkaDeserializer> VALUE_DESERIALIZER = AvroKafkaDeserializer.class;

    /** Producer or consumer properties for this topic, for clients outside SmallRye. */
    public Map<String, Object> clientSerdeConfig(String registryUrl) {
        Map<String, Object> config = new java.util.HashMap<>(Registry.serdeConfig(registryUrl));
        config.put("key.serializer", KEY_SERIALIZER.getName());
        config.put("value.serializer", VALUE_SERIALIZER.getName());
        config.put("key.deserializer", KEY_DESERIALIZER.getName());
        config.put("value.deserializer", VALUE_DESERIALIZER.getName());
        return config;
    }
}
