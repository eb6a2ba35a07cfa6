package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.avro.ParsedReportRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LineagePartitionerTest {

    private static final String TOPIC = Topics.PARSED.name();
    private static final int PARTITIONS = 6;
    private static final Node NODE = new Node(1, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("c", List.of(NODE),
            IntStream.range(0, PARTITIONS).mapToObj(p -> new PartitionInfo(TOPIC, p, NODE, new Node[] {NODE}, new Node[] {NODE})).toList(),
            java.util.Set.of(), java.util.Set.of());

    private static ParsedReportRecord report(String id, String identity, String sourceUrl, String supersedes) {
        return ParsedReportRecord.newBuilder().setReportId(id).setReceivedAt(Instant.ofEpochMilli(1)).setIdentity(identity)
                .setSourceUrl(sourceUrl).setSupersedes(supersedes).build();
    }

    private static int partition(Object value, String key) {
        return new LineagePartitioner().partition(TOPIC, key, key.getBytes(StandardCharsets.UTF_8), value, null, CLUSTER);
    }

    @Test
    void aReportGoesWhereItsLineageWouldAsAStringKey() {
        ParsedReportRecord r = report("r1", "110105|朝阳区人民政府|2023", "https://example.gov.cn/2023.html", null);
        String lineage = AvroMapping.lineage(r);
        // where Kafka Streams' repartition by lineage put it before: the default partitioner's hash of the String key
        int byKey = BuiltInPartitioner.partitionForKey(lineage.getBytes(StandardCharsets.UTF_8), PARTITIONS);
        assertThat(partition(r, r.getIdentity())).isEqualTo(byKey).isEqualTo(LineagePartitioner.partition(lineage, PARTITIONS));
    }

    @Test
    void versionsOfOneLineageShareAPartitionWhateverTheirIdentity() {
        // the place corrected: another identity, the same address
        ParsedReportRecord first = report("r1", "?|朝阳区人民政府|2023", "https://example.gov.cn/2023.html", null);
        ParsedReportRecord corrected = report("r2", "110105|朝阳区人民政府|2023", "https://example.gov.cn/2023.html", null);
        ParsedReportRecord explicit = report("r3", "110105|朝阳区人民政府|2024", null, "https://example.gov.cn/2023.html");
        assertThat(AvroMapping.lineage(first)).isEqualTo(AvroMapping.lineage(explicit));
        assertThat(partition(corrected, corrected.getIdentity())).isEqualTo(partition(first, first.getIdentity())).isEqualTo(partition(explicit, explicit.getIdentity()));
        // and there are identities that the key alone would have put elsewhere
        long elsewhere = IntStream.range(0, 40).filter(i -> {
            ParsedReportRecord r = report("x" + i, "11010" + i + "|某局|2023", "https://example.gov.cn/a.html", null);
            return partition(r, r.getIdentity()) != BuiltInPartitioner.partitionForKey(r.getIdentity().getBytes(StandardCharsets.UTF_8), PARTITIONS);
        }).count();
        assertThat(elsewhere).isPositive();
    }

    @Test
    void aGenericRecordOfAParsedReportIsPartitionedTheSame() {
        // a supersedes id and an address both given: the supersedes id names the lineage, as AvroMapping.lineage says
        String supersedes = IntStream.range(0, 40).mapToObj(i -> "https://example.gov.cn/old-" + i + ".html")
                .filter(u -> LineagePartitioner.partition(u, PARTITIONS) != LineagePartitioner.partition("https://example.gov.cn/2023.html", PARTITIONS))
                .findFirst().orElseThrow();
        ParsedReportRecord r = report("r1", "110105|朝阳区人民政府|2023", "https://example.gov.cn/2023.html", supersedes);
        GenericData.Record generic = new GenericData.Record(ParsedReportRecord.getClassSchema());
        for (var f : ParsedReportRecord.getClassSchema().getFields()) generic.put(f.name(), r.get(f.name()));
        assertThat(partition(generic, "other-key")).isEqualTo(partition(r, r.getIdentity()))
                .isEqualTo(LineagePartitioner.partition(AvroMapping.lineage(r), PARTITIONS))
                .isNotEqualTo(LineagePartitioner.partition("https://example.gov.cn/2023.html", PARTITIONS));
    }

    @Test
    void anythingElseGoesByItsKeyAndTheHeaderNamesTheLineage() {
        assertThat(partition(new byte[] {1, 2}, "k")).isEqualTo(BuiltInPartitioner.partitionForKey("k".getBytes(StandardCharsets.UTF_8), PARTITIONS));
        RecordHeaders headers = new RecordHeaders();
        LineagePartitioner.addHeader(headers, "old");
        LineagePartitioner.addHeader(headers, "https://example.gov.cn/2023.html");
        assertThat(headers.headers(LineagePartitioner.PARTITION_KEY_HEADER)).hasSize(1);
        assertThat(new String(headers.lastHeader(LineagePartitioner.PARTITION_KEY_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("https://example.gov.cn/2023.html");
    }

    @Test
    void theParsedTopicsProducersAreConfiguredWithIt() {
        var source = new TopicsConfigSource(List.of(Topics.RAW), List.of(Topics.PARSED), java.util.Map.of()) {
        };
        assertThat(source.getValue("mp.messaging.outgoing." + Topics.PARSED.channel() + ".partitioner.class")).isEqualTo(LineagePartitioner.class.getName());
        var other = new TopicsConfigSource(List.of(Topics.PARSED), List.of(Topics.VALIDATED), java.util.Map.of()) {
        };
        assertThat(other.getValue("mp.messaging.outgoing." + Topics.VALIDATED.channel() + ".partitioner.class")).isNull();
        // and clients outside SmallRye (the load generator, tests) get it with the topic's client config
        assertThat(Topics.PARSED.clientSerdeConfig("http://registry")).containsEntry("partitioner.class", LineagePartitioner.class.getName());
        assertThat(Topics.VALIDATED.clientSerdeConfig("http://registry")).doesNotContainKey("partitioner.class");
    }
}
