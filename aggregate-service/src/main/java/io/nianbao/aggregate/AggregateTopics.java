package io.nianbao.aggregate;

import io.nianbao.contracts.TopicSettings;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/**
 * aggregate-service: the live feed reads aggregate changes and validation issues through SmallRye, and
 * Kafka Streams waits for its topics, named from {@link Topics} rather than spelled in config.
 */
public class AggregateTopics extends TopicsConfigSource {
    public AggregateTopics() {
        super(List.of(Topics.AGGREGATES, Topics.ISSUES), List.of());
        put("quarkus.kafka-streams.topics", Topics.VALIDATED.name() + "," + Topics.AGGREGATES.name());
        // Kafka Streams' own topics (changelogs, repartitions) and producer follow the same declarations
        TopicSettings settings = TopicSettings.fromEnvironment();
        String maxRecord = Integer.toString(settings.maxRecordBytes());
        put("kafka-streams.replication.factor", Short.toString(settings.replicationFactor()));
        put("kafka-streams.topic.min.insync.replicas", Integer.toString(settings.minInsyncReplicas()));
        put("kafka-streams.topic.max.message.bytes", maxRecord);
        put("kafka-streams.producer.max.request.size", maxRecord);
        put("kafka-streams.producer.compression.type", COMPRESSION);
        put("kafka-streams.consumer.max.partition.fetch.bytes", maxRecord);
    }
}
