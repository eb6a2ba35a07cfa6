package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nianbao.core.ReportParser;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Findings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of `./nianbao bench pipeline`: the generated corpus, percentiles, the options' parsing. No timing. */
class PipelineBenchCommandTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(PipelineBenchCommand.Tables.class)
    void everyGeneratedReportIsItsOwnIssuerAndYearAfterParsing(PipelineBenchCommand.Tables tables) {
        List<String> reports = PipelineBenchCommand.reports(60, 4242, 0, tables);
        ReportParser parser = new ReportParser();
        Set<String> identities = new HashSet<>();
        Set<String> texts = new HashSet<>(reports);
        for (int i = 0; i < reports.size(); i++) {
            ParsedReport parsed = parser.parse("bench-" + i, reports.get(i), ReportHints.NONE);
            assertThat(parsed.issuer()).as("issuer of report %d", i).isNotNull().contains("服务中心");
            assertThat(parsed.reportYear()).as("year of report %d", i).isNotNull();
            assertThat(parsed.applications().isEmpty()).as("section 三 of report %d", i).isFalse();
            identities.add(Findings.identity(parsed));
        }
        assertThat(texts).hasSize(60); // no two the same bytes: ingest would answer "duplicate"
        assertThat(identities).hasSize(60); // validate-service's key issuer|year: none replaces another
    }

    @Test
    void twoRunsAndTwoInvocationsNeverShareAnIssuer() {
        Set<String> issuers = new HashSet<>();
        for (int tag : new int[] {1, 2}) {
            for (int i = 0; i < 50; i++) issuers.add(PipelineBenchCommand.issuer("分宜县", tag, i));
        }
        assertThat(issuers).hasSize(100);
        assertThat(PipelineBenchCommand.issuer("分宜县", 12, 345)).isEqualTo("分宜县甲甲甲乙丙甲甲甲甲丁戊己服务中心");
        assertThat(PipelineBenchCommand.reports(3, 7, 0, PipelineBenchCommand.Tables.CONSISTENT)).doesNotContainAnyElementsOf(PipelineBenchCommand.reports(3, 7, 3, PipelineBenchCommand.Tables.CONSISTENT));
    }

    @Test
    void percentilesAreNearestRank() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) values[i] = 100 - i; // unsorted on purpose: 100 … 1
        assertThat(PipelineBenchCommand.percentile(values, 50)).isEqualTo(50);
        assertThat(PipelineBenchCommand.percentile(values, 99)).isEqualTo(99);
        assertThat(PipelineBenchCommand.percentile(values, 100)).isEqualTo(100);
        assertThat(PipelineBenchCommand.percentile(values, 0)).isEqualTo(1);
        assertThat(values[0]).isEqualTo(100); // the caller's array is left as it was
        assertThat(PipelineBenchCommand.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(PipelineBenchCommand.percentile(new long[] {10, 20, 30}, 50)).isEqualTo(20);
        assertThat(PipelineBenchCommand.percentile(new long[0], 99)).isZero();
        assertThatThrownBy(() -> PipelineBenchCommand.percentile(values, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratesAreReportsPerSecond() {
        assertThat(PipelineBenchCommand.parseRate("50/s")).isEqualTo(50.0);
        assertThat(PipelineBenchCommand.parseRate("50")).isEqualTo(50.0);
        assertThat(PipelineBenchCommand.parseRate(" 12.5 /s")).isEqualTo(12.5);
        assertThatThrownBy(() -> PipelineBenchCommand.parseRate("fast")).hasMessageContaining("50/s");
        assertThatThrownBy(() -> PipelineBenchCommand.parseRate("0/s")).hasMessageContaining("above 0");
    }

    @Test
    void procStatusAndAggregatesAreRead() throws Exception {
        var status = PipelineBenchCommand.procStatus("Name:\tjava\nVmHWM:\t  412345 kB\nVmRSS:\t  301234 kB\nThreads:\t42\n");
        assertThat(status).containsEntry("VmRSS", 301234L).containsEntry("VmHWM", 412345L).doesNotContainKey("Threads");
        assertThat(PipelineBenchCommand.sumReports(ReportJson.MAPPER.readTree(
                "[{\"province\":\"江西省\",\"reportYear\":2019,\"reports\":2},{\"province\":null,\"reportYear\":null,\"reports\":3}]"))).isEqualTo(5);
    }

    @Test
    void cpuIsReadFromProcStatAndSharedOutPerReport() {
        // a command name with spaces and a closing parenthesis of its own: the fields are counted after the last ')'
        String stat = "4242 (C2 Compiler) x) S 1 4242 4242 0 -1 4194560 51 0 0 0 1234 56 0 0 20 0 37 0 890 123 45";
        assertThat(PipelineBenchCommand.procCpuTicks(stat)).isEqualTo(1234 + 56);
        Map<String, Long> before = new java.util.LinkedHashMap<>();
        before.put("kafka", 1_000_000_000L);
        before.put("parse", 2_000_000_000L);
        Map<String, Long> after = new java.util.LinkedHashMap<>();
        after.put("kafka", 4_000_000_000L);
        after.put("parse", 2_600_000_000L);
        after.put("bench", 9_000_000_000L); // not there before: left out
        assertThat(PipelineBenchCommand.cpuPerReport(before, after, 1000)).containsExactly(Map.entry("kafka", 3.0), Map.entry("parse", 0.6));
        assertThat(PipelineBenchCommand.cpuPerReport(before, after, 0)).isEmpty();
    }

    @Test
    void consistentTablesBringFewFindingsAndRandomOnesMany() {
        // what each choice measures: the issue records per report are most of the pipeline's records with random tables
        double consistent = PipelineBenchCommand.findingsPerReport(PipelineBenchCommand.reports(80, 99, 0, PipelineBenchCommand.Tables.CONSISTENT));
        double random = PipelineBenchCommand.findingsPerReport(PipelineBenchCommand.reports(80, 99, 0, PipelineBenchCommand.Tables.RANDOM));
        assertThat(consistent).isGreaterThan(0).isLessThan(1.5);
        assertThat(random).isGreaterThan(20);
    }

    @Test
    void aReportCountsWhenItsBucketsAggregateFirstCountsItsRankOnReportsValidated() {
        long ms = 1_000_000;
        // 江西省|2019 had 5 reports before the run; three accepted at 0, 10 and 20 ms, validated at 60, 50 and 80 ms
        // (the second overtook the first); {validated, 202} each, given out of order
        Map<String, List<long[]>> accepted = Map.of(
                "江西省|2019", List.of(new long[] {80 * ms, 20 * ms}, new long[] {60 * ms, 0L}, new long[] {50 * ms, 10 * ms}),
                "unknown|unknown", List.of(new long[] {40 * ms, 5 * ms}));
        Map<String, Long> before = Map.of("江西省|2019", 5L);
        // the aggregate moved to 7 at 100 ms (two counted in one commit) and to 8 at 300 ms; the unknown bucket never moved
        Map<String, List<long[]>> changes = Map.of("江西省|2019", List.of(new long[] {100 * ms, 7}, new long[] {300 * ms, 8}));
        PipelineBenchCommand.AggregateLatencies l = PipelineBenchCommand.aggregateLatencies(accepted, before, changes);
        // ranked by validated time: the one accepted at 10 ms first (100 - 10), then at 0 ms (100 - 0), then at 20 ms (300 - 20)
        assertThat(l.millis()).containsExactly(90, 100, 280);
        assertThat(l.missing()).isEqualTo(1);
        // a change that counts fewer than the rank (an earlier run's tail) does not count the report
        PipelineBenchCommand.AggregateLatencies stale = PipelineBenchCommand.aggregateLatencies(Map.of("b", List.of(new long[] {20 * ms, 0L})), Map.of("b", 5L),
                Map.of("b", List.of(new long[] {50 * ms, 5}, new long[] {70 * ms, 6})));
        assertThat(stale.millis()).containsExactly(70);
        assertThat(stale.missing()).isZero();
    }

    @Test
    void theAggregatesCountWhatEachBucketsLatestChangeAddsToItsCountBeforeTheRun() {
        // 广东省|2024 counted 10 before the run, went to 12 then 13; 浙江省|2024 is new (0 before) at 2; a bucket not changed is absent
        Map<String, List<long[]>> changes = new java.util.LinkedHashMap<>();
        changes.put("广东省|2024", new java.util.ArrayList<>(List.of(new long[] {100, 12}, new long[] {300, 13})));
        changes.put("浙江省|2024", new java.util.ArrayList<>(List.of(new long[] {200, 2})));
        long[] since = PipelineBenchCommand.AggregatesWatcher.countedSince(changes, Map.of("广东省|2024", 10L, "江苏省|2023", 7L));
        assertThat(since).containsExactly(3 + 2, 300);
        assertThat(PipelineBenchCommand.AggregatesWatcher.countedSince(Map.of(), Map.of("广东省|2024", 10L))).containsExactly(0, 0);
    }
}
