package io.nianbao.aggregate.drilldown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.aggregate.VersionChange;
import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.view.IssuerRows;
import io.nianbao.core.view.ReportDetail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The drill-down's state, beside the aggregates: each identity's latest version as it came
 * ({@link #REPORT_LATEST_STORE}) and the history of its versions ({@link #REPORT_VERSIONS_STORE}), both keyed
 * by identity like reports.validated, so a key's instance is the one that holds its partition; and the
 * issuers of each province and year ({@link #PROVINCE_ISSUERS_STORE}, one entry per row, keyed
 * province|year, {@link #BUCKET_END}, identity, and partitioned by province|year alone). The report page is
 * built from the first two when asked ({@link #detail}): building it for every arriving report (labels,
 * cells, findings as JSON) was a third of this service's stream thread.
 */
public final class DrillDownTopology {

    /** identity → its latest version, in the bytes reports.validated carried ({@link Read}); kept by {@link io.nianbao.aggregate.AggregationTopology}. */
    public static final String REPORT_LATEST_STORE = "report-latest";
    /** identity → the history of its versions ({@link ReportDetail#versions}), compact JSON. */
    public static final String REPORT_VERSIONS_STORE = "report-versions";
    /** province|year {@link #BUCKET_END} identity → issuer row; every row of one province|year on one partition ({@link #BY_BUCKET}). */
    public static final String PROVINCE_ISSUERS_STORE = "province-issuers";

    private DrillDownTopology() {
    }

    /** The drill-down's stores, fed by what each record of reports.validated changed ({@link VersionChange}). */
    public static void add(StreamsBuilder builder, KStream<String, VersionChange> changes) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPORT_VERSIONS_STORE), Serdes.String(), Serdes.String()));
        changes.process(Details::new, Named.as("report-details"), REPORT_VERSIONS_STORE);

        changes.flatMap(DrillDownTopology::rowMoves, Named.as("issuer-row"))
                // not the old groupBy's "issuers-by-province": that topic holds old/new pairs, not rows
                .repartition(Repartitioned.<String, String>with(Serdes.String(), Serdes.String()).withName("issuer-rows-by-bucket")
                        .withStreamPartitioner(BY_BUCKET))
                .toTable(Named.as("province-issuers"), Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(PROVINCE_ISSUERS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
    }

    /**
     * Between the bucket and the identity in a {@link #PROVINCE_ISSUERS_STORE} key. A bucket key is a
     * gazetteer province name (or unknown), '|', a year (or unknown), so it never holds this control
     * character: everything before its first occurrence is the bucket, and no bucket's prefix is another's.
     */
    public static final char BUCKET_END = '\u0000';

    /** The {@link #PROVINCE_ISSUERS_STORE} key of an identity's row in a bucket. */
    public static String rowKey(String bucket, String identity) {
        return bucketPrefix(bucket) + identity;
    }

    /** What every {@link #PROVINCE_ISSUERS_STORE} key of the bucket begins with (and no other key does). */
    public static String bucketPrefix(String bucket) {
        return bucket + BUCKET_END;
    }

    /** The bucket of a {@link #PROVINCE_ISSUERS_STORE} key; a bucket key (a query's) is its own bucket. */
    static String bucketOf(String key) {
        int end = key.indexOf(BUCKET_END);
        return end < 0 ? key : key.substring(0, end);
    }

    /**
     * Partitions {@link #PROVINCE_ISSUERS_STORE} by the bucket alone, hashed as the default partitioner
     * hashes a String key: every row of a province and year is on one partition, so one instance answers
     * it with a prefix scan. A query locates the bucket (or any of its row keys) with this same partitioner.
     */
    public static final StreamPartitioner<String, String> BY_BUCKET = (topic, key, value, partitions) ->
            Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bucketOf(key).getBytes(StandardCharsets.UTF_8))) % partitions));

    /**
     * What a new version changes in the bucketed store: a tombstone for the previous version's row key when
     * the identity left its bucket (it moved to another province or year, or was retracted), and the new row
     * under its bucket's key. The previous version is the one the aggregate's latest-version store gave
     * back, so no table of rows is kept beside it. O(1) per report, whatever the bucket holds.
     */
    private static List<KeyValue<String, String>> rowMoves(String identity, VersionChange change) {
        if (identity == null) return List.of();
        String oldKey = change.previous() == null ? null : rowKey(AggregateMapping.bucketKey(change.previous().value()), identity);
        if (change.current() == null) {
            return oldKey == null ? List.of() : Collections.singletonList(KeyValue.pair(oldKey, null));
        }
        ValidatedReportRecord current = change.current().value();
        String newKey = rowKey(AggregateMapping.bucketKey(current), identity);
        KeyValue<String, String> row = KeyValue.pair(newKey, compact(IssuerRows.row(identity, change.currentReport(), current.getStatus(),
                change.currentFindings(), current.getReport().getSourceUrl(), current.getReport().getReceivedAt())));
        if (oldKey == null || oldKey.equals(newKey)) return List.of(row);
        return java.util.Arrays.asList(KeyValue.pair(oldKey, null), row);
    }

    /**
     * Keeps the history of each identity's versions; a tombstone (an identity a correction left) removes it.
     * The latest version itself is kept by the aggregate's {@link #REPORT_LATEST_STORE}, which gives the one replaced.
     */
    private static final class Details implements Processor<String, VersionChange, Void, Void> {
        private KeyValueStore<String, String> versions;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            versions = context.getStateStore(REPORT_VERSIONS_STORE);
        }

        @Override
        public void process(Record<String, VersionChange> record) {
            if (record.key() == null) return;
            VersionChange change = record.value();
            if (change.current() == null) {
                versions.delete(record.key());
                return;
            }
            ReportDetail.Earlier earlier = null;
            if (change.previous() != null) {
                ValidatedReportRecord previous = change.previous().value();
                String history = versions.get(record.key());
                earlier = new ReportDetail.Earlier(previous.getReport().getReportId(), findings(previous), history == null ? null : read(history));
            }
            ValidatedReportRecord v = change.current().value();
            versions.put(record.key(), compact(ReportDetail.versions(earlier, change.currentReport(), v.getStatus(), change.currentFindings(), v.getReport().getSourceUrl(),
                    v.getReport().getReceivedAt())));
        }
    }

    /** The report page of an identity from what the two stores keep of it; null when there is none. */
    public static ObjectNode detail(String identity, Read<ValidatedReportRecord> latestRead, String versions) {
        if (latestRead == null) return null;
        ValidatedReportRecord latest = latestRead.value();
        return ReportDetail.of(identity, report(latest), latest.getStatus(), findings(latest), latest.getReport().getSourceUrl(),
                latest.getReport().getReceivedAt(), versions == null ? null : read(versions));
    }

    private static ParsedReport report(ValidatedReportRecord v) {
        return AvroMapping.fromRecord(v.getReport());
    }

    private static List<Finding> findings(ValidatedReportRecord v) {
        return AggregateMapping.findings(v);
    }

    /** Without indentation: these are kept for every report. */
    static String compact(JsonNode node) {
        return node.toString();
    }

    public static JsonNode read(String json) {
        try {
            return ReportJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
