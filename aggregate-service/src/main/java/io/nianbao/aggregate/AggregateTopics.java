package io.nianbao.aggregate;

import io.nianbao.contracts.Topics;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The topics Kafka Streams must wait for, from {@link Topics} rather than spelled in config. */
public class AggregateTopics implements ConfigSource {

    private static final Map<String, String> PROPERTIES = properties();

    private static Map<String, String> properties() {
        Map<String, String> p = new java.util.HashMap<>(new LiveTopics().getProperties());
        p.put("quarkus.kafka-streams.topics", Topics.VALIDATED.name() + "," + Topics.AGGREGATES.name());
        return Map.copyOf(p);
    }

    /** The live feed reads aggregate changes and validation issues through SmallRye. */
    static final class LiveTopics extends io.nianbao.contracts.TopicsConfigSource {
        LiveTopics() {
            super(java.util.List.of(Topics.AGGREGATES, Topics.ISSUES), java.util.List.of());
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return PROPERTIES;
    }

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
