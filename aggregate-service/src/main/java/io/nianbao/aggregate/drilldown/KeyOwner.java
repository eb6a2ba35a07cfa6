package io.nianbao.aggregate.drilldown;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which instance holds a key of a drill-down store (Kafka Streams' {@code queryMetadataForKey}, as in
 * Quarkus' kafka-streams quickstart): a query goes to that one instance, not to all of them.
 */
@ApplicationScoped
public class KeyOwner {

    @Inject
    KafkaStreams streams;

    /** host:port this instance announces to the others (the same setting Kafka Streams is given). */
    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    String self;

    /** The other instance that holds the key, or empty when it is this one; IllegalStateException while nobody does (a rebalance). */
    public Optional<String> remoteOwner(String store, String key) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new IllegalStateException("no instance holds " + store + " for this key right now (the stream is starting or rebalancing)");
        }
        String owner = metadata.activeHost().host() + ":" + metadata.activeHost().port();
        return owner.equals(self) ? Optional.empty() : Optional.of(owner);
    }

    /** The value kept here for the key, or null. */
    public String local(String store, String key) {
        ReadOnlyKeyValueStore<String, String> kv = streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
        return kv.get(key);
    }
}
