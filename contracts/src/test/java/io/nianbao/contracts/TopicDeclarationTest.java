package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The topics as declared in contracts: tables compacted, streams and dead letters expiring, sizes and replicas from the environment. */
class TopicDeclarationTest {

    private static final TopicSettings LOCAL = TopicSettings.from(Map.of());

    @Test
    void everyTableIsCompactedAndNeverExpires() {
        assertThat(Topics.ALL.stream().filter(Topic::compacted).map(Topic::name))
                .containsExactlyInAnyOrder("reports.validated", "aggregates.province", "follow.sources", "follow.fetched-pages");
        for (Topic<?> t : Topics.ALL) {
            Map<String, String> c = TopicAdmin.configs(t, LOCAL);
            if (t.kind() == Topic.Kind.TABLE) {
                assertThat(c).as(t.name()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
            } else {
                assertThat(c).as(t.name()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
                assertThat(Long.parseLong(c.get(TopicConfig.RETENTION_MS_CONFIG))).as(t.name()).isPositive();
            }
        }
    }

    @Test
    void streamsExpireAfterAWeekAndDeadLettersAfterAMonth() {
        assertThat(TopicAdmin.configs(Topics.RAW, LOCAL)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(7L * 24 * 3600 * 1000));
        assertThat(TopicAdmin.configs(Topics.ISSUES, LOCAL)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(7L * 24 * 3600 * 1000));
        assertThat(Topics.DEAD_LETTER_TOPICS).extracting(Topic::name)
                .containsExactlyInAnyOrder("reports.parse-failed", "reports.validate-failed", "reports.aggregate-failed");
        for (Topic<?> t : Topics.DEAD_LETTER_TOPICS) {
            assertThat(TopicAdmin.configs(t, LOCAL)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(30L * 24 * 3600 * 1000));
        }
    }

    @Test
    void everyTopicTakesTheLargestReportIngestAccepts() {
        assertThat(LOCAL.maxRecordBytes()).isGreaterThan(5 * 1024 * 1024);
        for (Topic<?> t : Topics.ALL) {
            assertThat(Integer.parseInt(TopicAdmin.configs(t, LOCAL).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)))
                    .as(t.name()).isEqualTo(LOCAL.maxRecordBytes());
        }
        TopicSettings bigger = TopicSettings.from(Map.of("NIANBAO_INGEST_MAX_BYTES", "20000000"));
        assertThat(bigger.maxRecordBytes()).isGreaterThan(20_000_000);
        assertThat(TopicAdmin.configs(Topics.RAW, bigger).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)).isEqualTo(Integer.toString(bigger.maxRecordBytes()));
    }

    @Test
    void partitionsAndReplicasComeFromTheEnvironment() {
        assertThat(LOCAL.partitions()).isEqualTo(2);
        assertThat(LOCAL.replicationFactor()).isEqualTo((short) 1);
        assertThat(LOCAL.minInsyncReplicas()).isEqualTo(1);
        assertThat(TopicAdmin.configs(Topics.VALIDATED, LOCAL)).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");

        TopicSettings cluster = TopicSettings.from(Map.of("NIANBAO_PARTITIONS", "12", "NIANBAO_REPLICATION_FACTOR", "3", "NIANBAO_MIN_INSYNC_REPLICAS", "2"));
        NewTopic validated = TopicAdmin.newTopic(Topics.VALIDATED, cluster);
        assertThat(validated.numPartitions()).isEqualTo(12);
        assertThat(validated.replicationFactor()).isEqualTo((short) 3);
        assertThat(validated.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

        assertThatThrownBy(() -> TopicSettings.from(Map.of("NIANBAO_MIN_INSYNC_REPLICAS", "2")))
                .hasMessageContaining("NIANBAO_MIN_INSYNC_REPLICAS");
        assertThatThrownBy(() -> TopicSettings.from(Map.of("NIANBAO_PARTITIONS", "many"))).hasMessageContaining("NIANBAO_PARTITIONS");
    }

    @Test
    void producersAreDurableCompressedAndTakeTheLargestRecord() {
        var source = new TopicsConfigSource(java.util.List.of(Topics.PARSED), java.util.List.of(Topics.VALIDATED)) {
            {
                deadLetters(Topics.PARSED, Topics.VALIDATE_FAILED, "validate");
            }
        };
        String out = "mp.messaging.outgoing." + Topics.VALIDATED.channel() + ".";
        assertThat(source.getValue(out + "acks")).isEqualTo("all");
        assertThat(source.getValue(out + "enable.idempotence")).isEqualTo("true");
        assertThat(source.getValue(out + "compression.type")).isEqualTo("zstd");
        assertThat(source.getValue(out + "max.request.size")).isEqualTo(Integer.toString(LOCAL.maxRecordBytes()));
        String in = "mp.messaging.incoming." + Topics.PARSED.channel() + ".";
        assertThat(source.getValue(in + "max.partition.fetch.bytes")).isEqualTo(Integer.toString(LOCAL.maxRecordBytes()));
        assertThat(source.getValue(in + "failure-strategy")).isEqualTo("dead-letter-queue");
        assertThat(source.getValue(in + "dead-letter-queue.topic")).isEqualTo("reports.validate-failed");
        assertThat(source.getValue(in + "dead-letter-queue.acks")).isEqualTo("all");
        // a letter is written from the record as read: that channel reads generic records in the writer's schema
        assertThat(source.getValue(in + ContractsAvroDeserializer.GENERIC)).isEqualTo("true");
        assertThatThrownBy(() -> new TopicsConfigSource(java.util.List.of(), java.util.List.of()) {
            {
                deadLetters(Topics.PARSED, Topics.VALIDATED, "validate");
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoppedMemberIsGivenUpAfterTheSessionTimeoutFromTheEnvironment() {
        String in = "mp.messaging.incoming." + Topics.RAW.channel() + ".";
        var local = new TopicsConfigSource(java.util.List.of(Topics.RAW), java.util.List.of(), Map.of(), Map.of()) {
            {
                kafkaStreams(java.util.List.of(Topics.RAW));
            }
        };
        assertThat(local.getValue(in + "session.timeout.ms")).isEqualTo("10000");
        assertThat(local.getValue("kafka-streams.consumer.session.timeout.ms")).isEqualTo("10000");
        var slow = new TopicsConfigSource(java.util.List.of(Topics.RAW), java.util.List.of(), Map.of(), Map.of(TopicSettings.SESSION_TIMEOUT_ENV, "45000")) {
            {
                kafkaStreams(java.util.List.of(Topics.RAW));
            }
        };
        assertThat(slow.getValue(in + "session.timeout.ms")).isEqualTo("45000");
        assertThat(slow.getValue("kafka-streams.consumer.session.timeout.ms")).isEqualTo("45000");
        assertThatThrownBy(() -> new TopicsConfigSource(java.util.List.of(), java.util.List.of(), Map.of(), Map.of(TopicSettings.SESSION_TIMEOUT_ENV, "soon")) {
        }).hasMessageContaining(TopicSettings.SESSION_TIMEOUT_ENV);
        // below what the broker accepts: the consumers would never join
        assertThatThrownBy(() -> new TopicsConfigSource(java.util.List.of(), java.util.List.of(), Map.of(), Map.of(TopicSettings.SESSION_TIMEOUT_ENV, "3000")) {
        }).hasMessageContaining("between 6000 and 1800000");
    }
}
