package io.nianbao.aggregate;

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
        kafkaStreams(List.of(Topics.VALIDATED, Topics.AGGREGATES));
    }
}
