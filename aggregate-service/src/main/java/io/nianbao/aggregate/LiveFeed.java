package io.nianbao.aggregate;

import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.core.aggregate.AggregateViews;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What the dashboard streams: every aggregate change (from aggregates.province) and every new validation
 * issue (from validation.issues, through the issue tail's consumer), as JSON, to all connected clients of
 * this instance.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    /** One event: its SSE name (aggregate or issue) and its JSON. */
    public record Event(String name, String json) {
    }

    /** Fed from two threads (the aggregates channel's, the issue tail's): serialised, as a processor's onNext must be. */
    private final SerializedProcessor<Event, Event> events = BroadcastProcessor.<Event>create().serialized();
    /** Connected clients: with none, nothing is converted for them. */
    private final AtomicInteger listeners = new AtomicInteger();

    public Multi<Event> events() {
        return Multi.createFrom().publisher(events).onSubscription().invoke(s -> listeners.incrementAndGet()).onTermination().invoke(listeners::decrementAndGet);
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "nianbao.registry.url")
    String registryUrl;
    private volatile org.apache.kafka.common.serialization.Deserializer<io.nianbao.contracts.avro.ProvinceAggregateRecord> aggregates;

    /**
     * Read as bytes and decoded only while a client is connected: decoding every aggregate change for nobody
     * was a tenth of this service's time in a burst.
     */
    @Incoming(Topics.AGGREGATES_CHANNEL)
    public void aggregate(ConsumerRecord<String, byte[]> record) {
        try {
            if (listeners.get() == 0 || record.value() == null) return;
            if (aggregates == null) aggregates = Topics.AGGREGATES.valueSerde(registryUrl).deserializer();
            var aggregate = aggregates.deserialize(record.topic(), record.value());
            // the changed row as the overview shows it (no cell sums): the page patches that row
            if (aggregate != null) events.onNext(new Event("aggregate", AggregateViews.summary(AggregateMapping.fromRecord(aggregate)).toString()));
        } catch (RuntimeException e) {
            LOG.warnf("skipping an aggregate record that cannot be read: %s", e.getMessage());
        }
    }

    /**
     * A new validation issue, as {@link io.nianbao.aggregate.issues.IssueTail} reads it: one consumer per
     * instance serves the tail and the live feed (a second SmallRye channel on validation.issues, several
     * records per report, cost this service more than its Kafka Streams thread).
     */
    public void issue(com.fasterxml.jackson.databind.node.ObjectNode issue) {
        // compact: an event's data is one line
        if (listeners.get() > 0) events.onNext(new Event("issue", issue.toString()));
    }
}
