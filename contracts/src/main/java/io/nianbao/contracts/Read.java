package io.nianbao.contracts;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A record's value together with the bytes it was read from. Its serde ({@link #serde}) decodes once
 * when reading and writes the bytes back unchanged: a step that passes a record on (a repartition, a
 * store keeping it as it came) does not encode it again — encoding a whole report was a large part of the
 * Streams services' time. The bytes carry their schema's registry id, so whoever reads them next decodes
 * them as before.
 */
public record Read<V>(V value, byte[] bytes) {

    /** Both required: a Read without bytes would be written as null, a tombstone. The array is shared, never copied: nobody writes to it. */
    public Read {
        java.util.Objects.requireNonNull(value, "value");
        java.util.Objects.requireNonNull(bytes, "bytes");
    }

    /** Reads with {@code values}' deserializer, keeping the bytes; writes the bytes kept (null stays null). */
    public static <V> Serde<Read<V>> serde(Serde<V> values) {
        return Serdes.serdeFrom(
                (topic, read) -> read == null ? null : read.bytes(),
                (topic, bytes) -> {
                    if (bytes == null) return null;
                    V value = values.deserializer().deserialize(topic, bytes);
                    // a record read as nothing would pass for a tombstone and delete its key: fail it instead (dead-lettered)
                    if (value == null) throw new org.apache.kafka.common.errors.SerializationException(bytes.length + " bytes on " + topic + " read as no value");
                    return new Read<>(value, bytes);
                });
    }
}
