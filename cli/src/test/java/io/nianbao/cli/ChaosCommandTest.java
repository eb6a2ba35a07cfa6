package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.ReportParser;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of `./nianbao chaos`: the plan, the fault schedule, the local recomputation and the checks. No stack. */
class ChaosCommandTest {

    @Test
    void thePlanHasCorrectionsAtTheSameUrlAndPairsOfTheSameIssuerInConsecutiveYears() {
        ChaosPlan plan = ChaosPlan.of(400, 777, 1);
        assertThat(plan.posts).hasSize(400);
        assertThat(plan.count(ChaosPlan.Kind.CORRECTION)).isEqualTo(plan.count(ChaosPlan.Kind.ORIGINAL)).isGreaterThan(20);
        assertThat(plan.count(ChaosPlan.Kind.PAIR_SECOND)).isEqualTo(plan.count(ChaosPlan.Kind.PAIR_FIRST)).isGreaterThan(20);
        Set<String> bodies = new HashSet<>();
        Set<String> urls = new HashSet<>();
        ReportParser parser = new ReportParser();
        for (ChaosPlan.Post p : plan.posts) {
            assertThat(bodies.add(new String(p.body(), StandardCharsets.UTF_8))).as("post %d has bytes of its own", p.index()).isTrue();
            if (p.kind() == ChaosPlan.Kind.CORRECTION) {
                ChaosPlan.Post original = plan.posts.get(p.original());
                assertThat(original.kind()).isEqualTo(ChaosPlan.Kind.ORIGINAL);
                assertThat(p.sourceUrl()).isEqualTo(original.sourceUrl());
                assertThat(p.index()).isGreaterThan(original.index());
            } else {
                assertThat(urls.add(p.sourceUrl())).as("post %d's source URL is its own", p.index()).isTrue();
            }
            if (p.kind() == ChaosPlan.Kind.PAIR_SECOND) {
                ChaosPlan.Post first = plan.posts.get(p.index() - 1);
                ParsedReport a = parser.parse("a", new String(first.body(), StandardCharsets.UTF_8), ReportHints.NONE);
                ParsedReport b = parser.parse("b", new String(p.body(), StandardCharsets.UTF_8), ReportHints.NONE);
                assertThat(b.issuer()).isEqualTo(a.issuer());
                assertThat(b.reportYear()).isEqualTo(a.reportYear() + 1);
            }
        }
        // the same tag and seed give the same bytes; another tag other issuers
        assertThat(ChaosPlan.of(400, 777, 1).posts.get(17).body()).isEqualTo(plan.posts.get(17).body());
        assertThat(ChaosPlan.of(400, 778, 1).posts.get(0).issuer()).isNotEqualTo(plan.posts.get(0).issuer());
    }

    @Test
    void faultsAreSpreadOverThePostsWithTheBrokerInTheMiddle() {
        List<ChaosFaults.Action> s = ChaosFaults.schedule(10_000, 5, 1);
        assertThat(s).hasSize(16);
        assertThat(s.stream().filter(ChaosFaults.Action::broker)).hasSize(1);
        assertThat(s.get(7).broker() || s.get(8).broker()).isTrue();
        for (String service : ChaosFaults.SERVICES) assertThat(s.stream().filter(a -> a.component().equals(service))).hasSize(5);
        for (int i = 1; i < s.size(); i++) assertThat(s.get(i).atPost()).isGreaterThan(s.get(i - 1).atPost());
        assertThat(s.get(0).atPost()).isGreaterThan(0);
        assertThat(s.get(s.size() - 1).atPost()).isLessThan(10_000);
        assertThat(ChaosFaults.schedule(300, 1, 1)).extracting(ChaosFaults.Action::component).containsExactly("parse", "kafka", "validate", "aggregate");
    }

    @Test
    void aPipelineThatDidEverythingOncePassesAndOneThatLostOrDoubledFails() {
        ChaosPlan plan = ChaosPlan.of(120, 4242, 3);
        List<ChaosExpectation.Accepted> accepted = new ArrayList<>();
        for (ChaosPlan.Post p : plan.posts) accepted.add(new ChaosExpectation.Accepted(p, "id-" + p.index()));
        ChaosExpectation e = ChaosExpectation.of(accepted);
        assertThat(e.orderIndependent).isTrue();
        assertThat(e.latestReports).isEqualTo(120 - plan.count(ChaosPlan.Kind.CORRECTION));
        assertThat(e.withdrawnFindings).as("corrections that fix or move a report withdraw findings").isPositive();
        assertThat(e.findings.values()).anyMatch(x -> x.withdrawn() == 0).anyMatch(x -> x.withdrawn() == 1);
        long reports = 0;
        for (JsonNode row : e.aggregates) reports += row.path("reports").asLong();
        assertThat(reports).isEqualTo(e.latestReports);

        // the aggregates: equal to themselves, a zero bucket left over is no difference, a cell changed is
        assertThat(ChaosExpectation.compareAggregates(e.aggregates, e.aggregates)).isEmpty();
        JsonNode withZero = e.aggregates.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) withZero).addObject().put("province", "江西省").put("reportYear", 2008).put("reports", 0);
        assertThat(ChaosExpectation.compareAggregates(e.aggregates, withZero)).isEmpty();
        JsonNode changed = e.aggregates.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get(0)).put("reports", changed.get(0).path("reports").asLong() + 1);
        assertThat(ChaosExpectation.compareAggregates(e.aggregates, changed)).singleElement().asString().contains("reports: expected");

        // the findings: exactly as expected passes; a raise doubled, one lost, a withdrawal lost, one not expected each fail
        Map<String, int[]> exact = new HashMap<>();
        e.findings.forEach((id, x) -> exact.put(id, new int[] {x.raised(), x.withdrawn()}));
        ChaosExpectation.FindingsCheck ok = ChaosExpectation.compareFindings(e.findings, exact);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.raisedOnce()).isEqualTo(e.findings.size());
        assertThat(ok.withdrawnOnce()).isEqualTo(e.withdrawnFindings);

        String kept = e.findings.entrySet().stream().filter(x -> x.getValue().withdrawn() == 0).findFirst().orElseThrow().getKey();
        String gone = e.findings.entrySet().stream().filter(x -> x.getValue().withdrawn() == 1).findFirst().orElseThrow().getKey();
        Map<String, int[]> bad = new HashMap<>();
        exact.forEach((k, v) -> bad.put(k, v.clone()));
        bad.get(kept)[0] = 2;
        bad.get(gone)[1] = 0;
        bad.put("not-a-finding", new int[] {1, 0});
        ChaosExpectation.FindingsCheck f = ChaosExpectation.compareFindings(e.findings, bad);
        assertThat(f.ok()).isFalse();
        assertThat(f.doubled()).isEqualTo(1);
        assertThat(f.withdrawalsMissing()).isEqualTo(1);
        assertThat(f.unexpected()).isEqualTo(1);
        bad.remove(kept);
        assertThat(ChaosExpectation.compareFindings(e.findings, bad).missing()).isEqualTo(1);
        // a finding of the final state withdrawn (a replaced version came back after its correction)
        Map<String, int[]> reverted = new HashMap<>();
        exact.forEach((k, v) -> reverted.put(k, v.clone()));
        reverted.get(kept)[1] = 1;
        ChaosExpectation.FindingsCheck w = ChaosExpectation.compareFindings(e.findings, reverted);
        assertThat(w.ok()).isFalse();
        assertThat(w.wronglyWithdrawn()).isEqualTo(1);
        assertThat(w.doubled()).isZero();
    }

    @Test
    void crossYearPairsGiveCrossYearCarryFindings() {
        ChaosPlan plan = ChaosPlan.of(300, 99, 5);
        List<ChaosExpectation.Accepted> accepted = new ArrayList<>();
        for (ChaosPlan.Post p : plan.posts) accepted.add(new ChaosExpectation.Accepted(p, "id-" + p.index()));
        JsonNode all = ChaosExpectation.of(accepted).aggregates;
        long carry = 0;
        for (JsonNode row : all) carry += row.at("/findingsByRule/CROSS_YEAR_CARRY").asLong();
        assertThat(carry).as(ReportJson.write(all)).isPositive();
        assertThat(Arrays.asList(ChaosPlan.Change.values())).hasSize(4);
    }

    @Test
    void onlyDeadLettersWrittenDuringTheRunCount() {
        var before = letter("reports.parse-failed", 0, 4, "reports.raw/0/9", "not a RawReport");
        var during = letter("reports.aggregate-failed", 1, 0, "reports.validated/1/114", "the record is not a ValidatedReportRecord: Connection was closed");
        assertThat(ChaosCommand.writtenSince(java.util.Set.of(before.position()), java.util.List.of(before, during)))
                .containsExactly("reports.aggregate-failed/1/0 (from reports.validated/1/114): the record is not a ValidatedReportRecord: Connection was closed");
        assertThat(ChaosCommand.writtenSince(java.util.Set.of(before.position()), java.util.List.of(before))).isEmpty();
    }

    private static io.nianbao.contracts.DeadLetterStore.Letter letter(String topic, int partition, long offset, String source, String reason) {
        return new io.nianbao.contracts.DeadLetterStore.Letter(topic, partition, offset, java.time.Instant.EPOCH, "k", new byte[] {1}, java.util.List.of(),
                reason, "aggregate", source, null);
    }
}
