package io.nianbao.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.testsupport.TestRegistry;
import java.nio.file.Path;
import io.nianbao.contracts.AggregateMapping;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology without a broker (the serdes still use the real registry). */
class AggregationTopologyTest {

    /** The driver's state folder, deleted after each test. */
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ValidatedReportRecord> validated;
    private KeyValueStore<String, ProvinceAggregateRecord> store;

    @BeforeEach
    void start() throws Exception {
        Serde<ValidatedReportRecord> validatedSerde = Topics.VALIDATED.valueSerde(TestRegistry.url());
        Serde<ProvinceAggregateRecord> aggregateSerde = Topics.AGGREGATES.valueSerde(TestRegistry.url());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AggregationTopology.build(validatedSerde, aggregateSerde), props);
        validated = driver.createInputTopic(Topics.VALIDATED.name(), Serdes.String().serializer(), validatedSerde.serializer());
        store = driver.getKeyValueStore(AggregationTopology.AGGREGATES_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(ValidatedReportRecord v) {
        validated.pipeInput(Reports.key(v), v);
    }

    private void sendAt(ValidatedReportRecord v, java.time.Instant at) {
        validated.pipeInput(Reports.key(v), v, at);
    }

    private static final int REPORTS = 0;
    private static final int FINDINGS = 1;

    /** The sum of one of the activity store's counts ([reports, findings]) over the windows from … to. */
    private long sum(int count, String province, java.time.Instant from, java.time.Instant to) {
        org.apache.kafka.streams.state.WindowStore<String, List<Long>> windows = driver.getWindowStore(AggregationTopology.ACTIVITY_STORE);
        long total = 0;
        try (var it = windows.fetch(province, from, to)) {
            while (it.hasNext()) total += it.next().value.get(count);
        }
        return total;
    }

    @Test
    void activityCountsReportsAndFindingsPerMinute() {
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T08:00:00Z");
        sendAt(Reports.validated("002_1d0c304c5194360b.txt", "a", UnaryOperator.identity()), t0);
        sendAt(Reports.validated("000_b7e468c868dd9816.txt", "b", UnaryOperator.identity()), t0.plusSeconds(30 * 60));
        sendAt(Reports.validated("004_9440981a45cb5a2e.txt", "c", UnaryOperator.identity()), t0.plusSeconds(90 * 60));
        java.time.Instant now = t0.plusSeconds(90 * 60);
        // the last hour holds 000 only (002 was 90 minutes ago); the day holds both
        assertThat(sum(REPORTS, "江西省", now.minusSeconds(3600), now)).isEqualTo(1);
        assertThat(sum(REPORTS, "江西省", now.minusSeconds(86400), now)).isEqualTo(2);
        // 000 has five errors, 002 two
        assertThat(sum(FINDINGS, "江西省", now.minusSeconds(3600), now)).isEqualTo(5);
        assertThat(sum(FINDINGS, "江西省", now.minusSeconds(86400), now)).isEqualTo(7);
        assertThat(sum(REPORTS, "青海省", now.minusSeconds(3600), now)).isEqualTo(1);
    }

    @Test
    void aVersionLateForItsMinuteStillCountsWithinTheGrace() {
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T08:00:00Z");
        // 000 of the next minute first (the stream's time passes the end of 08:00's window), then 002 of 08:00
        sendAt(Reports.validated("000_b7e468c868dd9816.txt", "a", UnaryOperator.identity()), t0.plusSeconds(66));
        sendAt(Reports.validated("002_1d0c304c5194360b.txt", "b", UnaryOperator.identity()), t0.plusSeconds(10));
        assertThat(sum(REPORTS, "江西省", t0, t0.plusSeconds(59))).isEqualTo(1);
        assertThat(sum(REPORTS, "江西省", t0, t0.plusSeconds(120))).isEqualTo(2);
        // later than the grace: not counted (the window is closed for good)
        sendAt(Reports.validated("004_9440981a45cb5a2e.txt", "c", UnaryOperator.identity()), t0.plus(AggregationTopology.ACTIVITY_GRACE).plusSeconds(120));
        sendAt(Reports.validated("000_b7e468c868dd9816.txt", "d", UnaryOperator.identity()), t0.plusSeconds(20));
        assertThat(sum(REPORTS, "江西省", t0, t0.plusSeconds(59))).isEqualTo(1);
    }

    @Test
    void aggregatesPerProvinceAndYear() {
        send(Reports.validated("000_b7e468c868dd9816.txt", "a", UnaryOperator.identity()));
        send(Reports.validated("002_1d0c304c5194360b.txt", "b", UnaryOperator.identity()));
        send(Reports.validated("004_9440981a45cb5a2e.txt", "c", UnaryOperator.identity()));
        ProvinceAggregateRecord jiangxi = store.get("江西省|2019");
        assertThat(jiangxi.getReports()).isEqualTo(2);
        assertThat(jiangxi.getApplications().get("newReceived").get("total")).isEqualTo(3 + 5.0);
        assertThat(jiangxi.getReportsByStatus()).containsEntry("invalid", 2L);
        assertThat(jiangxi.getFindingsByRule()).containsEntry("APP_BALANCE", 4L);
        assertThat(store.get("青海省|2019").getReports()).isEqualTo(1);
    }

    @Test
    void aCorrectionReplacesTheReportAndNothingIsCountedTwice() {
        send(Reports.validated("002_1d0c304c5194360b.txt", "v1", UnaryOperator.identity()));
        send(Reports.validated("002_1d0c304c5194360b.txt", "v1", UnaryOperator.identity()));
        UnaryOperator<ParsedReport> fix = r -> {
            r.applications().put("carriedOver", "naturalPerson", Cell.of("0", 0));
            r.applications().put("carriedOver", "total", Cell.of("0", 0));
            return r;
        };
        send(Reports.validated("002_1d0c304c5194360b.txt", "v2", fix));
        ProvinceAggregateRecord jiangxi = store.get("江西省|2019");
        assertThat(jiangxi.getReports()).isEqualTo(1);
        assertThat(jiangxi.getApplications().get("carriedOver").get("total")).isEqualTo(0.0);
        assertThat(jiangxi.getApplications().get("newReceived").get("total")).isEqualTo(5.0);
        assertThat(jiangxi.getReportsByStatus()).doesNotContainKey("invalid");
        assertThat(jiangxi.getFindingsByRule()).doesNotContainKey("APP_BALANCE");
    }

    @Test
    void aTombstoneForAnIdentityNeverSeenChangesNothing() {
        send(Reports.validated("002_1d0c304c5194360b.txt", "v1", UnaryOperator.identity()));
        ProvinceAggregateRecord before = store.get("江西省|2019");
        validated.pipeInput("360302|某某从未见过的单位|2019", null);
        ProvinceAggregateRecord after = store.get("江西省|2019");
        assertThat(after.getReports()).isEqualTo(before.getReports());
        assertThat(after.getApplications()).isEqualTo(before.getApplications());
        assertThat(store.get("|")).isNull();
    }

    @Test
    void aTombstoneTakesARetractedIdentityOut() {
        ValidatedReportRecord wrongYear = Reports.validated("002_1d0c304c5194360b.txt", "v1", UnaryOperator.identity());
        send(wrongYear);
        send(Reports.validated("000_b7e468c868dd9816.txt", "other", UnaryOperator.identity()));
        long before = store.get("江西省|2019").getReports();
        // validate-service retracted this identity (a correction at the same URL moved the report to another year)
        validated.pipeInput(Reports.key(wrongYear), null);
        assertThat(store.get("江西省|2019").getReports()).isEqualTo(before - 1);
    }

    /** The definition of done: samples twice, then a correction; the store equals a recomputation from the latest versions. */
    @Test
    void aggregatesEqualARecomputationFromTheLatestVersionOfEachReport() {
        List<String> samples = List.of("000_b7e468c868dd9816.txt", "001_22f1b762bef24d9e.txt", "002_1d0c304c5194360b.txt",
                "003_168a611abdf0e580.txt", "004_9440981a45cb5a2e.txt");
        Map<String, ValidatedReportRecord> latest = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            for (String sample : samples) {
                // the same bytes have the same id, as ingest gives them
                ValidatedReportRecord v = Reports.validated(sample, sample, UnaryOperator.identity());
                send(v);
                latest.put(Reports.key(v), v);
            }
        }
        ValidatedReportRecord corrected = Reports.validated("002_1d0c304c5194360b.txt", "002#corrected", r -> {
            r.applications().put("carriedOver", "naturalPerson", Cell.of("0", 0));
            r.applications().put("carriedOver", "total", Cell.of("0", 0));
            return r;
        });
        send(corrected);
        latest.put(Reports.key(corrected), corrected);

        Map<String, io.nianbao.core.aggregate.ProvinceTotals> expected = new java.util.HashMap<>();
        for (ValidatedReportRecord v : latest.values()) {
            expected.computeIfAbsent(AggregateMapping.bucketKey(v), k -> io.nianbao.core.aggregate.ProvinceTotals.empty(null, null))
                    .add(AggregateMapping.contribution(v));
        }
        Map<String, Map<String, String>> actual = new java.util.TreeMap<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> actual.put(kv.key, view(AggregateMapping.fromRecord(kv.value))));
        }
        Map<String, Map<String, String>> recomputed = new java.util.TreeMap<>();
        expected.forEach((k, t) -> recomputed.put(k, view(t)));
        assertThat(actual).isEqualTo(recomputed);
        assertThat(actual).hasSize(4);
        assertThat(actual.get("江西省|unknown")).containsEntry("reports", "1");
    }

    /** Every number of an aggregate by its JSON path, to 6 decimals (adding and subtracting amounts leaves float dust). */
    private static Map<String, String> view(io.nianbao.core.aggregate.ProvinceTotals t) {
        Map<String, String> out = new java.util.TreeMap<>();
        flatten("", io.nianbao.core.aggregate.AggregateViews.json(t), out);
        return out;
    }

    private static void flatten(String path, com.fasterxml.jackson.databind.JsonNode node, Map<String, String> out) {
        if (node.isObject()) node.fields().forEachRemaining(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        else if (node.isNumber()) out.put(path, new java.math.BigDecimal(node.asDouble()).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        else if (!node.isNull()) out.put(path, node.asText());
    }

    @Test
    void reportsWithoutAYearGoToAnExplicitUnknownBucket() {
        send(Reports.validated("001_22f1b762bef24d9e.txt", "nanchang", UnaryOperator.identity()));
        ProvinceAggregateRecord unknownYear = store.get("江西省|unknown");
        assertThat(unknownYear.getReports()).isEqualTo(1);
        assertThat(unknownYear.getProvince()).isEqualTo("江西省");
        assertThat(unknownYear.getReportYear()).isNull();
        assertThat(unknownYear.getApplications().get("newReceived").get("total")).isEqualTo(19.0);
    }
}
