package io.nianbao.aggregate;

import io.nianbao.contracts.Topics;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The topics Kafka Streams must wait for, from {@link Topics} rather than spelled in config. */
public class AggregateTopics implements ConfigSource {

    private static final Map<String, String> PROPERTIES = Map.of(
            "quarkus.kafka-streams.topics", Topics.VALIDATED.name() + "," + Topics.AGGREGATES.name());

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "AggregateTopics";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
