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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Which instance holds a key of a drill-down store (Kafka Streams' {@code queryMetadataForKey}, as in
 * Quarkus' kafka-streams quickstart): a query goes to that one instance, not to all of them.
 */
@ApplicationScoped
public class KeyOwner {

    @Inject
    KafkaStreams streams;

    /** Where a key is: here (remote empty), or the other instance's host:port; and its partition. */
    public record Location(Optional<String> remote, int partition) {
    }

    /**
     * IllegalStateException while nobody holds it (a rebalance). Whether the holder is this instance is
     * told by partitions, not host names (an instance may be announced under another name than the one it
     * knows itself by): the holder's partitions are this instance's active ones. (Asking the local store
     * for the partition does not tell: the store handle is lazy and fails only when read.)
     */
    public Location locate(String store, String key) {
        return located(store, streams.queryMetadataForKey(store, key, Serdes.String().serializer()));
    }

    /** Where a key is in a store partitioned by this partitioner (not by the key's bytes): the same as {@link #locate(String, String)} otherwise. */
    public Location locate(String store, String key, StreamPartitioner<? super String, ?> partitioner) {
        return located(store, streams.queryMetadataForKey(store, key, partitioner));
    }

    private Location located(String store, KeyQueryMetadata metadata) {
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new IllegalStateException("no instance holds " + store + " for this key right now (the stream is starting or rebalancing)");
        }
        Set<TopicPartition> mine = new HashSet<>();
        streams.metadataForLocalThreads().forEach(t -> t.activeTasks().forEach(task -> mine.addAll(task.topicPartitions())));
        for (StreamsMetadata m : streams.streamsMetadataForStore(store)) {
            if (m.hostInfo().equals(metadata.activeHost()) && !m.topicPartitions().isEmpty() && mine.containsAll(m.topicPartitions())) {
                return new Location(Optional.empty(), metadata.partition());
            }
        }
        return new Location(Optional.of(metadata.activeHost().host() + ":" + metadata.activeHost().port()), metadata.partition());
    }

    /** The value kept here for the key, or null. */
    public <V> V local(String store, String key) {
        return this.<V>partitionStore(store, locate(store, key).partition()).get(key);
    }

    /**
     * The values kept in this partition of the store whose keys begin with the prefix (a RocksDB prefix
     * scan, in key order): the partition must be one held here ({@link #locate}).
     */
    public List<String> localPrefix(String store, int partition, String prefix) {
        List<String> values = new ArrayList<>();
        try (KeyValueIterator<String, String> it = this.<String>partitionStore(store, partition).prefixScan(prefix, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> values.add(kv.value));
        }
        return values;
    }

    private <V> ReadOnlyKeyValueStore<String, V> partitionStore(String store, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition));
    }
}
