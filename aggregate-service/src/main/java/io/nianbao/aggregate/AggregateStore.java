package io.nianbao.aggregate;

import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.core.aggregate.ProvinceTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries on this instance's part of {@link AggregationTopology#AGGREGATES_STORE}, and who holds the rest. */
@ApplicationScoped
public class AggregateStore {

    @Inject
    KafkaStreams streams;

    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public List<ProvinceTotals> local() {
        ReadOnlyKeyValueStore<String, ProvinceAggregateRecord> store = streams.store(
                StoreQueryParameters.fromNameAndType(AggregationTopology.AGGREGATES_STORE, QueryableStoreTypes.keyValueStore()));
        List<ProvinceTotals> out = new ArrayList<>();
        try (KeyValueIterator<String, ProvinceAggregateRecord> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && kv.value.getReports() > 0) out.add(AggregateMapping.fromRecord(kv.value));
            });
        }
        return out;
    }

    /** host:port of the other instances that hold part of the aggregates (by their partitions, not by name). */
    public List<String> otherInstances() {
        java.util.Set<org.apache.kafka.common.TopicPartition> mine = new java.util.HashSet<>();
        // active tasks only: local() reads active stores, so a partition this instance holds as a standby is asked of its owner
        streams.metadataForLocalThreads().forEach(t -> t.activeTasks().forEach(task -> mine.addAll(task.topicPartitions())));
        List<String> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(AggregationTopology.AGGREGATES_STORE)) {
            if (!mine.containsAll(m.topicPartitions())) hosts.add(m.hostInfo().host() + ":" + m.hostInfo().port());
        }
        return hosts;
    }
}
