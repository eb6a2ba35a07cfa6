package io.nianbao.aggregate;

import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What a version changes in one province|year bucket: the contribution it takes out (the version it
 * replaces, or retracts), the one it adds, or both at once when the two are in the same bucket — one
 * record, so no commit or query ever sees the bucket between the two.
 */
record ContributionChange(ProvinceAggregateRecord removed, ProvinceAggregateRecord added) {

    ContributionChange {
        if (removed == null && added == null) throw new IllegalArgumentException("a contribution change with nothing to remove or add");
    }

    private static final byte ADD = '+';
    private static final byte SUBTRACT = '-';
    private static final byte REPLACE = '~';

    /**
     * One byte for the kind, then the contribution(s) as the aggregates' serde writes them (with their
     * schema id); a replacement's first contribution after its length (4 bytes).
     */
    static Serde<ContributionChange> serde(Serde<ProvinceAggregateRecord> contributions) {
        return Serdes.serdeFrom(
                (topic, change) -> {
                    if (change == null) return null;
                    if (change.removed() == null) return prefixed(ADD, contributions.serializer().serialize(topic, change.added()));
                    byte[] removed = contributions.serializer().serialize(topic, change.removed());
                    if (change.added() == null) return prefixed(SUBTRACT, removed);
                    byte[] added = contributions.serializer().serialize(topic, change.added());
                    return ByteBuffer.allocate(1 + 4 + removed.length + added.length).put(REPLACE).putInt(removed.length).put(removed).put(added).array();
                },
                (topic, bytes) -> {
                    if (bytes == null) return null;
                    if (bytes.length < 2) throw new SerializationException("not a contribution change on " + topic + ": " + bytes.length + " bytes");
                    ByteBuffer in = ByteBuffer.wrap(bytes);
                    byte kind = in.get();
                    return switch (kind) {
                        case ADD -> new ContributionChange(null, read(contributions, topic, in, in.remaining()));
                        case SUBTRACT -> new ContributionChange(read(contributions, topic, in, in.remaining()), null);
                        case REPLACE -> {
                            int length = in.getInt();
                            if (length < 1 || length > in.remaining() - 1) throw new SerializationException("a contribution change on " + topic + " with a first part of " + length + " bytes in " + bytes.length);
                            ProvinceAggregateRecord removed = read(contributions, topic, in, length);
                            yield new ContributionChange(removed, read(contributions, topic, in, in.remaining()));
                        }
                        default -> throw new SerializationException("not a contribution change on " + topic + ": kind byte " + kind);
                    };
                });
    }

    private static byte[] prefixed(byte kind, byte[] record) {
        byte[] out = new byte[record.length + 1];
        out[0] = kind;
        System.arraycopy(record, 0, out, 1, record.length);
        return out;
    }

    private static ProvinceAggregateRecord read(Serde<ProvinceAggregateRecord> contributions, String topic, ByteBuffer in, int length) {
        byte[] part = new byte[length];
        in.get(part);
        ProvinceAggregateRecord contribution = contributions.deserializer().deserialize(topic, part);
        if (contribution == null) throw new SerializationException("a contribution change on " + topic + " read as no contribution");
        return contribution;
    }
}
