package io.nianbao.aggregate;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/**
 * aggregate-service: the live feed reads aggregate changes through SmallRye (new issues come from the
 * issue tail's own consumer), and Kafka Streams waits for its topics, named from {@link Topics} rather than
 * spelled in config.
 */
public class AggregateTopics extends TopicsConfigSource {
    public AggregateTopics() {
        super(List.of(Topics.AGGREGATES), List.of());
        kafkaStreams(List.of(Topics.VALIDATED, Topics.AGGREGATES));
    }
}
