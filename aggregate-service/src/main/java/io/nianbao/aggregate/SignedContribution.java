package io.nianbao.aggregate;

import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A report's contribution to add to its bucket, or to take out of it (the version it was is replaced or retracted). */
record SignedContribution(boolean added, ProvinceAggregateRecord contribution) {

    private static final byte ADD = '+';
    private static final byte SUBTRACT = '-';

    /** One byte for the sign, then the contribution as the aggregates' serde writes it (with its schema id). */
    static Serde<SignedContribution> serde(Serde<ProvinceAggregateRecord> contributions) {
        return Serdes.serdeFrom(
                (topic, signed) -> {
                    if (signed == null) return null;
                    byte[] record = contributions.serializer().serialize(topic, signed.contribution());
                    byte[] out = new byte[record.length + 1];
                    out[0] = signed.added() ? ADD : SUBTRACT;
                    System.arraycopy(record, 0, out, 1, record.length);
                    return out;
                },
                (topic, bytes) -> {
                    if (bytes == null) return null;
                    if (bytes.length < 2 || (bytes[0] != ADD && bytes[0] != SUBTRACT)) {
                        throw new SerializationException("not a signed contribution on " + topic + ": " + bytes.length + " bytes, first " + (bytes.length == 0 ? "none" : bytes[0]));
                    }
                    ProvinceAggregateRecord contribution = contributions.deserializer().deserialize(topic, Arrays.copyOfRange(bytes, 1, bytes.length));
                    if (contribution == null) throw new SerializationException("a signed contribution on " + topic + " read as no contribution");
                    return new SignedContribution(bytes[0] == ADD, contribution);
                });
    }
}
