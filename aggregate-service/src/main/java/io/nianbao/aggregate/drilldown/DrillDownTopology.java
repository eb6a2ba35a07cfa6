package io.nianbao.aggregate.drilldown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.view.IssuerRows;
import io.nianbao.core.view.ReportDetail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The drill-down's state, beside the aggregates: each identity's latest version as the report page shows
 * it ({@link #REPORT_DETAILS_STORE}, keyed by identity like reports.validated, so a key's instance is the
 * one that holds its partition), and the issuers of each province and year ({@link #PROVINCE_ISSUERS_STORE},
 * keyed province|year like the aggregates). Values are compact JSON: the page reads them as they are kept.
 */
public final class DrillDownTopology {

    /** identity → {@link ReportDetail} of its latest version (tables as read, findings, warnings, versions). */
    public static final String REPORT_DETAILS_STORE = "report-details";
    /** identity → its issuer row (small: what the province table shows), so a correction subtracts the old row. */
    public static final String ISSUER_ROWS_STORE = "latest-issuer-rows";
    /** province|year → identity → issuer row. */
    public static final String PROVINCE_ISSUERS_STORE = "province-issuers";

    private DrillDownTopology() {
    }

    public static void add(StreamsBuilder builder, KStream<String, ValidatedReportRecord> validated) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPORT_DETAILS_STORE), Serdes.String(), Serdes.String()));
        validated.process(Details::new, Named.as("report-details"), REPORT_DETAILS_STORE);

        validated.mapValues((identity, v) -> v == null ? null : compact(issuerRow(identity, v)), Named.as("issuer-row"))
                .toTable(Named.as("issuer-rows"), Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(ISSUER_ROWS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .groupBy((identity, row) -> KeyValue.pair(bucket(read(row)), row), Grouped.with("issuers-by-province", Serdes.String(), Serdes.String()))
                .aggregate(() -> "{}",
                        (bucket, row, rows) -> compact(IssuerRows.add((ObjectNode) read(rows), read(row))),
                        (bucket, row, rows) -> compact(IssuerRows.remove((ObjectNode) read(rows), read(row))),
                        Named.as("province-issuers"),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(PROVINCE_ISSUERS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
    }

    /** Keeps each identity's detail; a tombstone (an identity a correction left) removes it. */
    private static final class Details implements Processor<String, ValidatedReportRecord, Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(REPORT_DETAILS_STORE);
        }

        @Override
        public void process(Record<String, ValidatedReportRecord> record) {
            if (record.key() == null) return;
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            String previous = store.get(record.key());
            ValidatedReportRecord v = record.value();
            ObjectNode detail = ReportDetail.next(previous == null ? null : read(previous), record.key(), report(v), v.getStatus(), findings(v),
                    v.getReport().getSourceUrl(), v.getReport().getReceivedAt());
            store.put(record.key(), compact(detail));
        }
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
