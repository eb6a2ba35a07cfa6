package io.nianbao.aggregate;

import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
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
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.nianbao.aggregate.drilldown.DrillDownTopology;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * reports.validated (key = the report identity) turned, record by record, into each report's
 * contribution (its numbers as an aggregate of one report); each identity's latest version is kept, so a
 * later version takes the earlier one's contribution out of its bucket and adds its own, and a tombstone
 * (an identity a correction left) takes it out; what each version changes is re-keyed by province|year
 * and summed, so nothing is counted twice; the result is queryable in {@link #AGGREGATES_STORE} and
 * written to the compacted aggregates.province topic.
 */
@ApplicationScoped
public class AggregationTopology {

    public static final String AGGREGATES_STORE = "province-aggregates";
    /**
     * Per province per minute, [reports, findings], kept a day: the last hour and day are sums of these. One
     * store for both (two before 2026-12-02): one changelog, one flush per window.
     */
    public static final String ACTIVITY_STORE = "activity-per-minute";
    /** The activity store's values: [reports, findings]. */
    public static final Serde<List<Long>> ACTIVITY_COUNTS = Serdes.ListSerde(ArrayList.class, Serdes.Long());
    public static final Duration ACTIVITY_WINDOW = Duration.ofMinutes(1);
    public static final Duration ACTIVITY_RETENTION = Duration.ofDays(1).plusMinutes(5);
    /**
     * How late a version may come to its minute (behind the newest version its task has seen) and still count.
     * The tasks of reports.validated write into each repartition partition at their own paces, most of all after
     * a restart, so a version comes after others of later minutes: with no grace, a chaos run's restart dropped
     * a minute's worth ("Skipping record for expired window"). A catch-up of more than this still drops some.
     */
    public static final Duration ACTIVITY_GRACE = Duration.ofMinutes(10);

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
        // each report kept with the bytes it came in: report-latest stores those, not a new encoding of the record
        KStream<String, VersionChange> changes = latestVersions(builder,
                builder.stream(validatedTopic, Consumed.with(Serdes.String(), Read.serde(validatedSerde))), validatedSerde);
        activity(changes);
        changes
                .flatMap(AggregationTopology::contributionChanges, Named.as("contribution-changes"))
                .repartition(Repartitioned.<String, ContributionChange>with(Serdes.String(), ContributionChange.serde(aggregateSerde)).withName(CONTRIBUTIONS_BY_PROVINCE))
                .groupByKey()
                .aggregate(AggregateMapping::empty,
                        (bucket, change, aggregate) -> apply(aggregate, change),
                        Named.as("province-aggregate"),
                        Materialized.<String, ProvinceAggregateRecord, KeyValueStore<Bytes, byte[]>>as(AGGREGATES_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(aggregateSerde))
                .toStream()
                .to(aggregatesTopic, Produced.with(Serdes.String(), aggregateSerde));
        DrillDownTopology.add(builder, changes);
        return builder.build();
    }

    /** What each record of reports.validated changes for its identity, the latest versions kept in {@link DrillDownTopology#REPORT_LATEST_STORE}. */
    public static KStream<String, VersionChange> latestVersions(StreamsBuilder builder, KStream<String, Read<ValidatedReportRecord>> validated, Serde<ValidatedReportRecord> validatedSerde) {
        // a record the aggregate cannot take fails here, once, before it becomes any state (the aggregates' or
        // the drill-down's): the processing exception handler dead-letters it as read from reports.validated,
        // and the key's next version is not blocked by it (unless the version kept cannot be taken out: LatestVersions)
        KStream<String, Readable> readable = validated.mapValues(AggregationTopology::readable, Named.as("contribution"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DrillDownTopology.REPORT_LATEST_STORE), Serdes.String(), Read.serde(validatedSerde)));
        return readable.process(LatestVersions::new, Named.as("latest-versions"), DrillDownTopology.REPORT_LATEST_STORE);
    }

    /**
     * The repartition by province|year: what a version takes from its bucket and adds to it. Named for what
     * it holds since 2026-12-02 ({@link ContributionChange}s); the groupBy's "by-province" before held old/new pairs.
     */
    static final String CONTRIBUTIONS_BY_PROVINCE = "contributions-by-province";

    /** A validated report as read (null: a tombstone) that the aggregate could take: mapped to the core's terms once, with its contribution. */
    record Readable(Read<ValidatedReportRecord> report, ParsedReport parsed, List<Finding> findings, ProvinceAggregateRecord contribution) {
    }

    /** Throws when the report cannot be mapped or its contribution computed (then dead-lettered); a tombstone stays a tombstone. */
    private static Readable readable(Read<ValidatedReportRecord> read) {
        if (read == null) return new Readable(null, null, null, null);
        ValidatedReportRecord v = read.value();
        ParsedReport parsed = AvroMapping.fromRecord(v.getReport());
        List<Finding> findings = AggregateMapping.findings(v);
        return new Readable(read, parsed, findings, AggregateMapping.contributionRecord(v, parsed, findings));
    }

    /** A validated report's contribution (null stays null: a tombstone); throws when it cannot be computed. */
    static ProvinceAggregateRecord contribution(ValidatedReportRecord report) {
        return report == null ? null : AggregateMapping.contributionRecord(report);
    }

    /**
     * The earlier version's contribution out of its bucket and the new one's into its own (either may be
     * absent); one record when both are in the same bucket, none when the version is the one already kept
     * (a redelivery: the same bytes).
     */
    static List<KeyValue<String, ContributionChange>> contributionChanges(String identity, VersionChange change) {
        ProvinceAggregateRecord removed = change.previousContribution();
        ProvinceAggregateRecord added = change.contribution();
        if (change.previous() != null && change.current() != null && java.util.Arrays.equals(change.previous().bytes(), change.current().bytes())) return List.of();
        if (removed == null) return added == null ? List.of() : List.of(KeyValue.pair(AggregateMapping.bucketKey(added), new ContributionChange(null, added)));
        if (added == null) return List.of(KeyValue.pair(AggregateMapping.bucketKey(removed), new ContributionChange(removed, null)));
        String from = AggregateMapping.bucketKey(removed);
        String to = AggregateMapping.bucketKey(added);
        if (from.equals(to)) return List.of(KeyValue.pair(to, new ContributionChange(removed, added)));
        return List.of(KeyValue.pair(from, new ContributionChange(removed, null)), KeyValue.pair(to, new ContributionChange(null, added)));
    }

    /** A bucket's aggregate with one change applied: what it takes out, then what it adds. */
    static ProvinceAggregateRecord apply(ProvinceAggregateRecord aggregate, ContributionChange change) {
        return AggregateMapping.replace(aggregate, change.removed(), change.added());
    }

    /**
     * Keeps each identity's latest version ({@link DrillDownTopology#REPORT_LATEST_STORE}, the bytes it came in)
     * and forwards what a new one replaces: the store is both the drill-down's report page and what a
     * correction is subtracted by, so a report's numbers are not kept a second time as a table of
     * contributions (that table, its changelog and its flushes were a fifth of this service's time). The
     * earlier version's contribution is computed before anything is written: if that throws (the code that
     * computes contributions changed without the recount it needs), the new version is dead-lettered with
     * that reason and the state stays as it was — the aggregates keep the earlier version's numbers rather
     * than subtract numbers other than those they added.
     */
    private static final class LatestVersions implements Processor<String, Readable, String, VersionChange> {
        private KeyValueStore<String, Read<ValidatedReportRecord>> latest;
        private ProcessorContext<String, VersionChange> context;

        @Override
        public void init(ProcessorContext<String, VersionChange> context) {
            this.context = context;
            latest = context.getStateStore(DrillDownTopology.REPORT_LATEST_STORE);
        }

        @Override
        public void process(Record<String, Readable> record) {
            String identity = record.key();
            if (identity == null) return;
            Read<ValidatedReportRecord> previous = latest.get(identity);
            ProvinceAggregateRecord previousContribution = previous == null ? null : previousContribution(identity, previous);
            Readable current = record.value();
            if (current == null || current.report() == null) {
                if (previous == null) return; // a tombstone for an identity never seen here: nothing to retract
                latest.delete(identity);
                context.forward(record.withValue(VersionChange.retraction(previous, previousContribution)));
                return;
            }
            latest.put(identity, current.report());
            context.forward(record.withValue(new VersionChange(previous, previousContribution, current.report(), current.contribution(),
                    current.parsed(), current.findings())));
        }
    }

    private static ProvinceAggregateRecord previousContribution(String identity, Read<ValidatedReportRecord> previous) {
        try {
            return contribution(previous.value());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the version of " + identity + " kept in " + DrillDownTopology.REPORT_LATEST_STORE
                    + " cannot be taken out of the aggregates (" + e + "), so this one is not applied: recount the aggregates (README, One identity per report)", e);
        }
    }

    /**
     * Every version of a report that arrives counts as activity of its province in that minute; the
     * repartition carries the province and the version's findings, not its numbers.
     */
    private static void activity(KStream<String, VersionChange> changes) {
        KGroupedStream<String, Long> byProvince = changes
                .filter((identity, change) -> change.contribution() != null, Named.as("arrived-versions"))
                .map((identity, change) -> KeyValue.pair(AggregateMapping.provinceKey(change.contribution()), AggregateMapping.findingsCount(change.contribution())),
                        Named.as("findings-by-province"))
                .groupByKey(Grouped.with(ACTIVITY_BY_PROVINCE, Serdes.String(), Serdes.Long()));
        byProvince.windowedBy(TimeWindows.ofSizeAndGrace(ACTIVITY_WINDOW, ACTIVITY_GRACE))
                .aggregate(() -> List.of(0L, 0L), (province, findings, counts) -> List.of(counts.get(0) + 1, counts.get(1) + findings),
                        Named.as("activity-per-minute"),
                        Materialized.<String, List<Long>, WindowStore<Bytes, byte[]>>as(ACTIVITY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(ACTIVITY_COUNTS).withRetention(ACTIVITY_RETENTION));
    }

    /** The activity repartition: province → a version's findings count (the earlier "activity-by-province" held whole contributions). */
    static final String ACTIVITY_BY_PROVINCE = "findings-by-province";
}
