package io.nianbao.contracts;

import io.nianbao.contracts.avro.ParsedReportRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;

/**
 * Puts a parsed report on the partition of reports.parsed that its lineage ({@link AvroMapping#lineage}:
 * the supersedes id, else the source URL, else the report id) hashes to, as the default partitioner hashes
 * a String key. The key stays the report's identity; the partition is its lineage's, so validate-service
 * follows each lineage on the partitions it reads and needs no repartition of every report by lineage
 * (a write, a read and a decode of each whole report, and a commit on its way: a fifth of that service's
 * time). Every producer to reports.parsed uses it: parse-service's channel and clients built from
 * {@link Topic#clientSerdeConfig}; a record also carries the lineage in {@value #PARTITION_KEY_HEADER}, which
 * a dead letter keeps, so that a replay of bytes goes back to the same partition
 * ({@link DeadLetterStore#replay}).
 */
public final class LineagePartitioner implements Partitioner {

    /** Header: the string a record's partition was chosen by, when it is not the record's key. */
    public static final String PARTITION_KEY_HEADER = "nianbao.partition-key";

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        if (value instanceof ParsedReportRecord report) return partition(AvroMapping.lineage(report), partitions);
        if (value instanceof org.apache.avro.generic.GenericRecord generic && generic.getSchema().getFullName().equals(ParsedReportRecord.getClassSchema().getFullName())) {
            return partition(io.nianbao.core.validate.Lineages.of(text(generic, "supersedes"), text(generic, "sourceUrl"), text(generic, "reportId")), partitions);
        }
        // not a parsed report (a tombstone, bytes): by its key, as the default partitioner would
        if (keyBytes == null) return 0;
        return Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
    }

    private static String text(org.apache.avro.generic.GenericRecord record, String field) {
        Object value = record.hasField(field) ? record.get(field) : null;
        return value == null ? null : value.toString();
    }

    /** The partition of a lineage among {@code partitions}: murmur2 of its UTF-8 bytes, as Kafka hashes a String key. */
    public static int partition(String lineage, int partitions) {
        return Utils.toPositive(Utils.murmur2(lineage.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The header that names a report's lineage. */
    public static void addHeader(Headers headers, String lineage) {
        headers.remove(PARTITION_KEY_HEADER);
        headers.add(PARTITION_KEY_HEADER, lineage.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
