package io.nianbao.aggregate;

import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import java.time.Duration;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * reports.validated (key = the report identity) turned, record by record, into each report's
 * contribution (its numbers as an aggregate of one report) and kept as a table, so a later version
 * replaces the earlier one and a tombstone (an identity a correction left) takes it out; re-keyed by
 * province|year and aggregated with an adder and a subtractor, so nothing is counted twice; the result is
 * queryable in {@link #AGGREGATES_STORE} and written to the compacted aggregates.province topic.
 */
@ApplicationScoped
public class AggregationTopology {

    /** Identity → the contribution of its latest version (numbers only). */
    public static final String LATEST_STORE = "latest-contributions";
    public static final String AGGREGATES_STORE = "province-aggregates";
    /** Reports and findings per province per minute, kept a day: the last hour and day are sums of these. */
    public static final String ACTIVITY_REPORTS_STORE = "activity-reports-per-minute";
    public static final String ACTIVITY_FINDINGS_STORE = "activity-findings-per-minute";
    public static final Duration ACTIVITY_WINDOW = Duration.ofMinutes(1);
    public static final Duration ACTIVITY_RETENTION = Duration.ofDays(1).plusMinutes(5);

    @ConfigProperty(name = "nianbao.registry.url")
    String registryUrl;

    void closeDeadLetters(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        DeadLetterHandler.closeAll();
    }

    /** Quarkus gives it to Kafka Streams: a thread that dies is replaced after a back-off, never left in ERROR. */
    @Produces
    @jakarta.inject.Singleton
    org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler threadReplacement() {
        return new io.nianbao.contracts.StreamsThreadReplacement(DeadLetterHandler.STAGE);
    }

    @Produces
    public Topology topology() {
        io.nianbao.contracts.BoundedRocksDb.checkEnvironment();
        return build(Topics.VALIDATED.valueSerde(registryUrl), Topics.AGGREGATES.valueSerde(registryUrl));
    }

    public static Topology build(Serde<ValidatedReportRecord> validatedSerde, Serde<ProvinceAggregateRecord> aggregateSerde) {
        return build(Topics.VALIDATED.name(), Topics.AGGREGATES.name(), validatedSerde, aggregateSerde);
    }

    /** The same topology between other topics: tests on a shared broker read and write their own. */
    public static Topology build(String validatedTopic, String aggregatesTopic, Serde<ValidatedReportRecord> validatedSerde, Serde<ProvinceAggregateRecord> aggregateSerde) {
        StreamsBuilder builder = new StreamsBuilder();
        // each report kept with the bytes it came in: the drill-down stores those, not a new encoding of the record
        KStream<String, Read<ValidatedReportRecord>> validated = builder.stream(validatedTopic, Consumed.with(Serdes.String(), Read.serde(validatedSerde)));
        // a record the aggregate cannot take fails here, once, before it becomes any state (the aggregates' or
        // the drill-down's): the processing exception handler dead-letters it as read from reports.validated,
        // and the key's next version is not blocked by it
        KStream<String, Readable> readable = validated.mapValues(v -> new Readable(v, contribution(v == null ? null : v.value())), Named.as("contribution"));
        KTable<String, ProvinceAggregateRecord> latest = readable
                .mapValues(Readable::contribution, Named.as("contribution-only"))
                .toTable(Named.as("latest"), Materialized.<String, ProvinceAggregateRecord, KeyValueStore<Bytes, byte[]>>as(LATEST_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(aggregateSerde));
        activity(latest, aggregateSerde);
        latest
                .groupBy((key, contribution) -> KeyValue.pair(AggregateMapping.bucketKey(contribution), contribution),
                        Grouped.with("by-province", Serdes.String(), aggregateSerde))
                .aggregate(AggregateMapping::empty,
                        (key, contribution, aggregate) -> AggregateMapping.add(aggregate, contribution),
                        (key, contribution, aggregate) -> AggregateMapping.subtract(aggregate, contribution),
                        Materialized.<String, ProvinceAggregateRecord, KeyValueStore<Bytes, byte[]>>as(AGGREGATES_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(aggregateSerde))
                .toStream()
                .to(aggregatesTopic, Produced.with(Serdes.String(), aggregateSerde));
        io.nianbao.aggregate.drilldown.DrillDownTopology.add(builder, readable.mapValues(Readable::report, Named.as("readable-report")), validatedSerde);
        return builder.build();
    }

    /** A validated report as read (null: a tombstone) that the aggregate could take, with its contribution. */
    record Readable(Read<ValidatedReportRecord> report, ProvinceAggregateRecord contribution) {
    }

    /** A validated report's contribution (null stays null: a tombstone); throws when it cannot be computed. */
    static ProvinceAggregateRecord contribution(ValidatedReportRecord report) {
        return report == null ? null : AggregateMapping.contributionRecord(report);
    }

    /** Every version of a report that arrives counts as activity of its province in that minute. */
    private static void activity(KTable<String, ProvinceAggregateRecord> latest, Serde<ProvinceAggregateRecord> contributionSerde) {
        KGroupedStream<String, ProvinceAggregateRecord> byProvince = latest.toStream()
                .filter((key, contribution) -> contribution != null)
                .groupBy((key, contribution) -> AggregateMapping.provinceKey(contribution), Grouped.with("activity-by-province", Serdes.String(), contributionSerde));
        TimeWindows perMinute = TimeWindows.ofSizeWithNoGrace(ACTIVITY_WINDOW);
        byProvince.windowedBy(perMinute)
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(ACTIVITY_REPORTS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()).withRetention(ACTIVITY_RETENTION));
        byProvince.windowedBy(perMinute)
                .aggregate(() -> 0L, (key, contribution, sum) -> sum + AggregateMapping.findingsCount(contribution),
                        Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(ACTIVITY_FINDINGS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()).withRetention(ACTIVITY_RETENTION));
    }
}
