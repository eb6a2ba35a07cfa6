package io.nianbao.aggregate.drilldown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.view.IssuerRows;
import io.nianbao.core.view.ReportDetail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
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

    /** identity → its latest version, in the bytes reports.validated carried ({@link Read}). */
    public static final String REPORT_LATEST_STORE = "report-latest";
    /** identity → the history of its versions ({@link ReportDetail#versions}), compact JSON. */
    public static final String REPORT_VERSIONS_STORE = "report-versions";
    /** identity → its issuer row (small: what the province table shows), so a change can tombstone the old row's key in {@link #PROVINCE_ISSUERS_STORE}. */
    public static final String ISSUER_ROWS_STORE = "latest-issuer-rows";
    /** province|year {@link #BUCKET_END} identity → issuer row; every row of one province|year on one partition ({@link #BY_BUCKET}). */
    public static final String PROVINCE_ISSUERS_STORE = "province-issuers";

    private DrillDownTopology() {
    }

    public static void add(StreamsBuilder builder, KStream<String, Read<ValidatedReportRecord>> validated, Serde<ValidatedReportRecord> validatedSerde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPORT_LATEST_STORE), Serdes.String(), Read.serde(validatedSerde)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPORT_VERSIONS_STORE), Serdes.String(), Serdes.String()));
        validated.process(Details::new, Named.as("report-details"), REPORT_LATEST_STORE, REPORT_VERSIONS_STORE);

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ISSUER_ROWS_STORE), Serdes.String(), Serdes.String()));
        validated.process(RowMoves::new, Named.as("issuer-row"), ISSUER_ROWS_STORE)
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
     * Keeps each identity's row ({@link #ISSUER_ROWS_STORE}) and forwards what that changes in the bucketed
     * store: a tombstone for the previous row's key when the identity left its bucket (it moved to another
     * province or year, or was retracted), and the new row under its bucket's key. O(1) per report,
     * whatever the bucket holds.
     */
    private static final class RowMoves implements Processor<String, Read<ValidatedReportRecord>, String, String> {
        private KeyValueStore<String, String> rows;
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            rows = context.getStateStore(ISSUER_ROWS_STORE);
        }

        @Override
        public void process(Record<String, Read<ValidatedReportRecord>> record) {
            String identity = record.key();
            if (identity == null) return;
            String previous = rows.get(identity);
            String oldKey = previous == null ? null : rowKey(bucket(read(previous)), identity);
            if (record.value() == null) {
                rows.delete(identity);
                if (oldKey != null) context.forward(record.withKey(oldKey).withValue(null));
                return;
            }
            ObjectNode row = issuerRow(identity, record.value().value());
            String json = compact(row);
            String newKey = rowKey(bucket(row), identity);
            rows.put(identity, json);
            if (oldKey != null && !oldKey.equals(newKey)) context.forward(record.withKey(oldKey).withValue(null));
            context.forward(record.withKey(newKey).withValue(json));
        }
    }

    /** Keeps each identity's latest version and its history; a tombstone (an identity a correction left) removes both. */
    private static final class Details implements Processor<String, Read<ValidatedReportRecord>, Void, Void> {
        private KeyValueStore<String, Read<ValidatedReportRecord>> latest;
        private KeyValueStore<String, String> versions;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            latest = context.getStateStore(REPORT_LATEST_STORE);
            versions = context.getStateStore(REPORT_VERSIONS_STORE);
        }

        @Override
        public void process(Record<String, Read<ValidatedReportRecord>> record) {
            if (record.key() == null) return;
            if (record.value() == null) {
                latest.delete(record.key());
                versions.delete(record.key());
                return;
            }
            Read<ValidatedReportRecord> previousRead = latest.get(record.key());
            ReportDetail.Earlier earlier = null;
            if (previousRead != null) {
                ValidatedReportRecord previous = previousRead.value();
                String history = versions.get(record.key());
                earlier = new ReportDetail.Earlier(previous.getReport().getReportId(), findings(previous), history == null ? null : read(history));
            }
            ValidatedReportRecord v = record.value().value();
            versions.put(record.key(), compact(ReportDetail.versions(earlier, report(v), v.getStatus(), findings(v), v.getReport().getSourceUrl(),
                    v.getReport().getReceivedAt())));
            latest.put(record.key(), record.value());
        }
    }

    /** The report page of an identity from what the two stores keep of it; null when there is none. */
    public static ObjectNode detail(String identity, Read<ValidatedReportRecord> latestRead, String versions) {
        if (latestRead == null) return null;
        ValidatedReportRecord latest = latestRead.value();
        return ReportDetail.of(identity, report(latest), latest.getStatus(), findings(latest), latest.getReport().getSourceUrl(),
                latest.getReport().getReceivedAt(), versions == null ? null : read(versions));
    }

    static ObjectNode issuerRow(String identity, ValidatedReportRecord v) {
        return IssuerRows.row(identity, report(v), v.getStatus(), findings(v), v.getReport().getSourceUrl(), v.getReport().getReceivedAt());
    }

    /** The bucket of an issuer row: the key of its province and year, as the aggregates are keyed. */
    static String bucket(JsonNode row) {
        return ProvinceTotals.key(row.path("province").isTextual() ? row.path("province").asText() : null,
                row.path("reportYear").isInt() ? row.path("reportYear").asInt() : null);
    }

    private static ParsedReport report(ValidatedReportRecord v) {
        return AvroMapping.fromRecord(v.getReport());
    }

    private static List<Finding> findings(ValidatedReportRecord v) {
        return v.getFindings().stream().map(AvroMapping::fromRecord).toList();
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
