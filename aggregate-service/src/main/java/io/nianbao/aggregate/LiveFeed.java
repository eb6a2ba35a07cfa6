package io.nianbao.aggregate;

import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.core.aggregate.AggregateViews;
import io.nianbao.core.json.ReportJson;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What the dashboard streams: every aggregate change (from aggregates.province) and every new validation
 * issue (from validation.issues), as JSON, to all connected clients of this instance.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    /** One event: its SSE name (aggregate or issue) and its JSON. */
    public record Event(String name, String json) {
    }

    private final BroadcastProcessor<Event> events = BroadcastProcessor.create();

    public Multi<Event> events() {
        return events;
    }

    @Incoming(Topics.AGGREGATES_CHANNEL)
    public void aggregate(ConsumerRecord<String, GenericRecord> record) {
        try {
            var aggregate = Topics.AGGREGATES.fromGeneric(record.value());
            // the changed row as the overview shows it (no cell sums): the page patches that row
            if (aggregate != null) events.onNext(new Event("aggregate", ReportJson.write(AggregateViews.summary(AggregateMapping.fromRecord(aggregate)))));
        } catch (RuntimeException e) {
            LOG.warnf("skipping an aggregate record that cannot be read: %s", e.getMessage());
        }
    }

    @Incoming(Topics.ISSUES_CHANNEL)
    public void issue(ConsumerRecord<String, GenericRecord> record) {
        try {
            ValidationIssueRecord i = Topics.ISSUES.fromGeneric(record.value());
            if (i == null) return;
            events.onNext(new Event("issue", ReportJson.write(io.nianbao.aggregate.issues.IssueJson.of(i))));
        } catch (RuntimeException e) {
            LOG.warnf("skipping an issue record that cannot be read: %s", e.getMessage());
        }
    }
}
