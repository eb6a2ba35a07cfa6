package io.nianbao.contracts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives SmallRye Reactive Messaging each channel's topic and serdes from {@link Topics}, so services
 * configure neither by hand. A service subclasses it with the topics it reads and writes and lists the
 * subclass in META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource. Ordinal 150: above
 * the packaged application.properties (250 would override env vars; 150 keeps them in charge).
 */
public abstract class TopicsConfigSource implements ConfigSource {

    private final Map<String, String> properties = new HashMap<>();

    protected TopicsConfigSource(List<Topic<?>> incoming, List<Topic<?>> outgoing) {
        for (Topic<?> topic : incoming) {
            String prefix = "mp.messaging.incoming." + topic.channel() + ".";
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", topic.name());
            properties.put(prefix + "key.deserializer", Topic.KEY_DESERIALIZER.getName());
            properties.put(prefix + "value.deserializer", Topic.VALUE_DESERIALIZER.getName());
            // consumers take GenericRecord and convert with Topic.fromGeneric: no class-loader surprises
            properties.put(prefix + "apicurio.registry.use-specific-avro-reader", "false");
            // a record that cannot be deserialised arrives with a null payload and failure headers, never stops the consumer
            properties.put(prefix + "fail-on-deserialization-failure", "false");
        }
        for (Topic<?> topic : outgoing) {
            String prefix = "mp.messaging.outgoing." + topic.channel() + ".";
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", topic.name());
            properties.put(prefix + "key.serializer", Topic.KEY_SERIALIZER.getName());
            properties.put(prefix + "value.serializer", Topic.VALUE_SERIALIZER.getName());
            properties.put(prefix + "apicurio.registry.auto-register", "true");
        }
    }

    /** For a subclass that gives one more property derived from the topics. */
    protected void put(String name, String value) {
        properties.put(name, value);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
