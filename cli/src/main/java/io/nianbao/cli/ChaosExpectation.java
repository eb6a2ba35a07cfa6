package io.nianbao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.aggregate.AggregateViews;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.document.DocumentReader;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationLedger;
import io.nianbao.core.validate.ValidationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline must end with, recomputed here with the pure core from the texts that were posted:
 * the latest version per source URL parsed with {@link ReportParser} (through the Avro mapping, as
 * parse-service hands it on), validated with a {@link ValidationLedger} (only the latest versions, so the
 * result does not depend on the order they arrive in: checked by accepting them in both orders), folded
 * with {@link AggregateMapping} per province and year as aggregate-service does; and every finding that
 * must have been raised on validation.issues, and which of them a correction must have withdrawn.
 */
final class ChaosExpectation {

    /** A post ingest accepted: its plan entry and the report id ingest gave it. */
    record Accepted(ChaosPlan.Post post, String reportId) {
    }

    /** How often a finding must appear on validation.issues. */
    record Expected(int raised, int withdrawn) {
    }

    /** The aggregates as GET /api/aggregates gives them (a JSON array), from the latest versions. */
    final JsonNode aggregates;
    /** findingId → the RAISED and WITHDRAWN records it must have. */
    final Map<String, Expected> findings;
    final int latestReports;
    final int finalFindings;
    final int withdrawnFindings;
    /** Findings whose id a correction kept with other content: UPDATED, not raised again. */
    final int reRaised;
    /** Whether accepting the latest versions in reverse order gave the same validation (it must). */
    final boolean orderIndependent;

    private ChaosExpectation(JsonNode aggregates, Map<String, Expected> findings, int latestReports, int finalFindings, int withdrawnFindings,
                             int reRaised, boolean orderIndependent) {
        this.aggregates = aggregates;
        this.findings = findings;
        this.latestReports = latestReports;
        this.finalFindings = finalFindings;
        this.withdrawnFindings = withdrawnFindings;
        this.reRaised = reRaised;
        this.orderIndependent = orderIndependent;
    }

    /** @param accepted the accepted posts in the order they were posted (a correction after its original) */
    static ChaosExpectation of(List<Accepted> accepted) {
        ReportParser parser = new ReportParser();
        Instant receivedAt = Instant.parse("2026-01-01T00:00:00Z");
        // the latest version per source URL: the last one posted
        Map<String, Accepted> latestByUrl = new LinkedHashMap<>();
        for (Accepted a : accepted) {
            latestByUrl.remove(a.post().sourceUrl());
            latestByUrl.put(a.post().sourceUrl(), a);
        }
        Map<String, ParsedReport> parsed = new HashMap<>();
        for (Accepted a : accepted) parsed.put(a.reportId(), parse(parser, a, receivedAt));

        List<ParsedReport> latest = latestByUrl.values().stream().map(a -> parsed.get(a.reportId())).toList();
        Map<String, Entry> finalState = validate(latest);
        Map<String, Entry> reversed = validate(latest.reversed());
        boolean orderIndependent = finalState.equals(reversed);

        // the aggregates: each latest version's validated record added to its province|year
        Map<String, ProvinceAggregateRecord> buckets = new LinkedHashMap<>();
        for (ParsedReport r : latest) {
            Entry e = finalState.get(r.reportId());
            ValidatedReportRecord v = AvroMapping.validatedRecord(AvroMapping.toRecord(e.report(), receivedAt), e.result().status(), e.result().findings(),
                    receivedAt, null);
            buckets.compute(AggregateMapping.bucketKey(v), (k, agg) -> AggregateMapping.add(agg == null ? AggregateMapping.empty() : agg, AggregateMapping.contributionRecord(v)));
        }
        List<ProvinceTotals> totals = buckets.values().stream().map(AggregateMapping::fromRecord).toList();
        JsonNode aggregates = AggregateViews.json(totals);

        // the findings: every one of the final state raised once; every one only a replaced version had raised once and withdrawn once
        Map<String, Finding> inFinal = new LinkedHashMap<>();
        for (Entry e : finalState.values()) for (Finding f : e.result().findings()) inFinal.put(f.id(), f);
        Map<String, Expected> findings = new LinkedHashMap<>();
        inFinal.keySet().forEach(id -> findings.put(id, new Expected(1, 0)));
        RuleEngine engine = new RuleEngine();
        java.util.Set<String> latestIds = new java.util.HashSet<>();
        latest.forEach(r -> latestIds.add(r.reportId()));
        int withdrawn = 0;
        int reRaised = 0;
        for (Accepted a : accepted) {
            if (latestIds.contains(a.reportId())) continue;
            for (Finding f : engine.validate(parsed.get(a.reportId())).findings()) {
                Finding kept = inFinal.get(f.id());
                if (kept == null) {
                    if (findings.putIfAbsent(f.id(), new Expected(1, 1)) == null) withdrawn++;
                } else if (!kept.equals(f) && findings.get(f.id()).raised() == 1) {
                    findings.put(f.id(), new Expected(1, 0)); // the correction changed what it says: UPDATED, still raised once
                    reRaised++;
                }
            }
        }
        return new ChaosExpectation(aggregates, findings, latest.size(), inFinal.size(), withdrawn, reRaised, orderIndependent);
    }

    /** A report as the ledger last published it. */
    private record Entry(ParsedReport report, ValidationResult result) {
    }

    /** The reports through a fresh ledger; each report's last publication is its final validation. */
    private static Map<String, Entry> validate(List<ParsedReport> reports) {
        ValidationLedger ledger = new ValidationLedger(new RuleEngine());
        Map<String, Entry> out = new HashMap<>();
        for (ParsedReport r : reports) {
            for (ValidationLedger.Publication p : ledger.accept(r)) out.put(p.report().reportId(), new Entry(p.report(), p.result()));
        }
        return out;
    }

    private static ParsedReport parse(ReportParser parser, Accepted a, Instant receivedAt) {
        try {
            ParsedReport p = parser.parse(a.reportId(), DocumentReader.read(a.post().body(), "text/plain", "UTF-8", a.post().fileName()),
                    new ReportHints(a.post().sourceUrl(), null, null));
            return AvroMapping.fromRecord(AvroMapping.toRecord(p, receivedAt)); // as parse-service hands it to validate-service
        } catch (io.nianbao.core.document.UnreadableDocumentException e) {
            throw new IllegalStateException("post " + a.post().index() + " cannot be read: " + e.getMessage(), e);
        }
    }

    // ---- comparison -------------------------------------------------------------------------------------

    /** What differs between the aggregates served and the expected ones, one line per cell (empty: equal). */
    static List<String> compareAggregates(JsonNode expected, JsonNode actual) {
        Map<String, Map<String, Double>> want = buckets(expected);
        Map<String, Map<String, Double>> got = buckets(actual);
        List<String> out = new ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(want.keySet());
        keys.addAll(got.keySet());
        for (String bucket : keys) {
            Map<String, Double> w = want.getOrDefault(bucket, Map.of());
            Map<String, Double> g = got.getOrDefault(bucket, Map.of());
            if (!want.containsKey(bucket)) {
                out.add(bucket + ": a bucket not expected (reports " + trim(g.get("reports")) + ")");
                continue;
            }
            if (!got.containsKey(bucket)) {
                out.add(bucket + ": missing (expected reports " + trim(w.get("reports")) + ")");
                continue;
            }
            java.util.TreeSet<String> cells = new java.util.TreeSet<>(w.keySet());
            cells.addAll(g.keySet());
            for (String cell : cells) {
                Double a = w.get(cell);
                Double b = g.get(cell);
                if (!same(a, b, cell)) out.add(bucket + " " + cell + ": expected " + trim(a) + ", got " + trim(b));
            }
        }
        return out;
    }

    /**
     * The differences per bucket, one line each: the reports expected and served, how many cells differ,
     * and the first few of them.
     */
    static List<String> byBucket(List<String> differences) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (String d : differences) {
            int space = d.indexOf(' ');
            int colon = d.indexOf(':');
            String bucket = space > 0 && space < colon ? d.substring(0, space) : d.substring(0, Math.max(0, colon));
            grouped.computeIfAbsent(bucket, k -> new ArrayList<>()).add(d.substring(bucket.length()).replaceFirst("^[ :]+", ""));
        }
        List<String> out = new ArrayList<>();
        grouped.forEach((bucket, cells) -> {
            String reports = cells.stream().filter(c -> c.startsWith("reports:")).findFirst().orElse("reports equal");
            List<String> others = cells.stream().filter(c -> !c.startsWith("reports:")).toList();
            out.add(bucket + "  " + reports + (others.isEmpty() ? "" : "; " + others.size() + " other cells differ, e.g. "
                    + String.join("; ", others.subList(0, Math.min(3, others.size())))));
        });
        return out;
    }

    /** province|year → flattened path → number, without buckets that are all zero (left over after a subtraction). */
    static Map<String, Map<String, Double>> buckets(JsonNode rows) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            Map<String, Double> cells = new LinkedHashMap<>();
            flatten("", row, cells);
            cells.remove("reportYear");
            String key = (row.path("province").isNull() || row.path("province").isMissingNode() ? "unknown" : row.path("province").asText()) + "|"
                    + (row.path("reportYear").isNull() || row.path("reportYear").isMissingNode() ? "unknown" : row.path("reportYear").asText());
            boolean empty = cells.values().stream().allMatch(v -> v == null || Math.abs(v) < 1e-9);
            if (!empty) out.put(key, cells);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Double> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isNumber()) {
            out.put(prefix, node.asDouble());
        } else if (node.isNull()) {
            out.put(prefix, null);
        }
    }

    /** Equal to a millionth; a sum or count absent is 0 (a cell subtracted to 0 stays in the live state); a rate null only where both are. */
    private static boolean same(Double a, Double b, String cell) {
        boolean rate = cell.endsWith("Rate");
        if (a == null || b == null) {
            if (rate) return Objects.equals(a, b);
            return Math.abs(a == null ? (b == null ? 0 : b) : a) < 1e-6;
        }
        return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
    }

    private static String trim(Double d) {
        if (d == null) return "none";
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(java.util.Locale.ROOT, "%.6f", d);
    }

    /** The findings on validation.issues against the expectation. */
    record FindingsCheck(int expected, int raisedOnce, int doubled, int missing, int withdrawnOnce, int withdrawnExpected,
                         int withdrawalsMissing, int wronglyWithdrawn, int unexpected, List<String> examples) {

        boolean ok() {
            return doubled == 0 && missing == 0 && withdrawalsMissing == 0 && wronglyWithdrawn == 0 && unexpected == 0;
        }
    }

    /** @param observed findingId → {RAISED records, WITHDRAWN records} read from validation.issues */
    static FindingsCheck compareFindings(Map<String, Expected> expected, Map<String, int[]> observed) {
        int raisedOnce = 0, doubled = 0, missing = 0, withdrawnOnce = 0, withdrawnExpected = 0, withdrawalsMissing = 0, wronglyWithdrawn = 0, unexpected = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            int[] seen = observed.getOrDefault(e.getKey(), new int[2]);
            Expected want = e.getValue();
            if (want.withdrawn() > 0) withdrawnExpected++;
            if (seen[0] <= want.raised() && seen[1] > want.withdrawn() && want.withdrawn() == 0) {
                // a finding of the final state withdrawn: a replaced version came back after its correction
                wronglyWithdrawn++;
                if (seen[0] == want.raised()) raisedOnce++;
                example(examples, "withdrawn-wrongly " + e.getKey() + ": RAISED " + seen[0] + ", WITHDRAWN " + seen[1] + " (expected " + want.raised() + ", " + want.withdrawn() + ")");
            } else if (seen[0] > want.raised() || seen[1] > want.withdrawn()) {
                doubled++;
                example(examples, "doubled  " + e.getKey() + ": RAISED " + seen[0] + ", WITHDRAWN " + seen[1] + " (expected " + want.raised() + ", " + want.withdrawn() + ")");
            } else if (seen[0] < want.raised()) {
                missing++;
                example(examples, "missing  " + e.getKey() + ": RAISED " + seen[0] + ", WITHDRAWN " + seen[1] + " (expected " + want.raised() + ", " + want.withdrawn() + ")");
            } else if (seen[1] < want.withdrawn()) {
                withdrawalsMissing++;
                raisedOnce++;
                example(examples, "not withdrawn " + e.getKey() + ": RAISED " + seen[0] + ", WITHDRAWN " + seen[1] + " (expected " + want.raised() + ", " + want.withdrawn() + ")");
            } else {
                raisedOnce++;
                if (want.withdrawn() > 0) withdrawnOnce++;
            }
        }
        for (Map.Entry<String, int[]> o : observed.entrySet()) {
            if (!expected.containsKey(o.getKey())) {
                unexpected++;
                example(examples, "unexpected " + o.getKey() + ": RAISED " + o.getValue()[0] + ", WITHDRAWN " + o.getValue()[1]);
            }
        }
        return new FindingsCheck(expected.size(), raisedOnce, doubled, missing, withdrawnOnce, withdrawnExpected, withdrawalsMissing, wronglyWithdrawn,
                unexpected, examples);
    }

    /** Up to four examples of each kind (the line's first word). */
    private static void example(List<String> examples, String line) {
        String kind = line.substring(0, line.indexOf(' '));
        if (examples.stream().filter(e -> e.startsWith(kind + " ")).count() < 4) examples.add(line);
    }
}
