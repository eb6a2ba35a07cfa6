package io.nianbao.validate;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.SyntheticReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationLedger;
import io.nianbao.core.validate.Lineages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A stream of report versions as the pipeline sees it — repeats, corrections, late older versions, identities
 * changed at one source URL, cross-year pairs in both orders — and what validation must end with: the pure
 * core's ledger fed the versions in the order ingest received them.
 */
final class Versions {

    private Versions() {
    }

    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(expected.get(k), actual.get(k)))
                .map(k -> k + ": expected " + expected.get(k) + ", was " + actual.get(k)).toList();
    }

    /** Reports of 45 issuers over several years, each sent up to three times: repeats, corrections, some moved to another year at the same URL. */
    static List<ParsedReportRecord> generate(Random random, int count) {
        ReportGenerator generator = new ReportGenerator(11, 0.05);
        Instant t0 = Instant.parse("2026-01-10T00:00:00Z");
        List<ParsedReportRecord> out = new ArrayList<>();
        int i = 0;
        while (out.size() < count) {
            SyntheticReport s = generator.next();
            String url = random.nextInt(3) == 0 ? "http://gov.example/" + (i % 40) : null;
            // a few hundred distinct seconds: versions received in the same second happen
            Instant at = t0.plusSeconds(random.nextInt(400) * 250L);
            // now and then a correction names an earlier version by its id (its lineage when it had no URL)
            String supersedes = i > 10 && random.nextInt(8) == 0 ? "r" + (i - 1 - random.nextInt(10)) : null;
            int year = random.nextInt(5) == 0 ? s.reportYear() + 1 : s.reportYear();
            ParsedReport report = new ParsedReport("r" + i++, s.issuer(), null, s.province(), null, year, null, null, s.template(), s.template(),
                    s.template(), java.util.Set.of(), s.activeDisclosure(), s.applications(), s.reviewLitigation(), Map.of(), List.of());
            out.add(AvroMapping.toRecord(report, at, url, supersedes));
            if (random.nextInt(4) == 0) out.add(AvroMapping.toRecord(report, at, url, supersedes)); // delivered twice
        }
        Collections.shuffle(out, random); // arrival order is not ingest order
        return out;
    }

    /** The pure core fed the versions in the order ingest received them (a lineage's newest identity wins). */
    static ValidationLedger expectedLedger(List<ParsedReportRecord> versions, java.util.Set<String> identities) {
        ValidationLedger ledger = new ValidationLedger(new RuleEngine());
        Map<String, ParsedReportRecord> lineages = new HashMap<>();
        versions.stream().distinct()
                .sorted(Comparator.comparing(ParsedReportRecord::getReceivedAt).thenComparing(ParsedReportRecord::getReportId))
                .forEach(v -> {
                    String lineage = AvroMapping.lineage(v);
                    ParsedReportRecord before = lineages.put(lineage, v);
                    if (before != null && Lineages.retracts(before.getIdentity(), before.getReceivedAt(), v.getIdentity(), v.getReceivedAt(),
                            v.getSupersedes() != null)) {
                        ledger.retract(before.getIdentity(), lineage);
                    }
                    ledger.accept(AvroMapping.fromRecord(v), v.getReceivedAt(), lineage);
                    identities.add(v.getIdentity());
                });
        return ledger;
    }

    static Map<String, String> expectedTable(List<ParsedReportRecord> versions) {
        java.util.Set<String> identities = new java.util.HashSet<>();
        ValidationLedger ledger = expectedLedger(versions, identities);
        Map<String, String> table = new TreeMap<>();
        for (String identity : identities) {
            ValidationLedger.Entry e = ledger.entry(identity);
            if (e != null) table.put(identity, e.report().reportId() + " " + e.result().status() + " " + e.result().findings().size());
        }
        return table;
    }

    static java.util.Set<String> expectedFindings(List<ParsedReportRecord> versions) {
        java.util.Set<String> identities = new java.util.HashSet<>();
        ValidationLedger ledger = expectedLedger(versions, identities);
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (String identity : identities) {
            ValidationLedger.Entry e = ledger.entry(identity);
            if (e != null) e.result().findings().stream().map(Finding::id).forEach(ids::add);
        }
        return ids;
    }


    /**
     * What is wrong with per-finding action sequences: a finding raised while it stands, updated or withdrawn
     * while it does not, or standing at the end although the final state has no such finding (or the reverse).
     */
    static List<String> violations(Map<String, List<String>> actions, java.util.Set<String> finalFindings) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.TreeSet<>(actions.keySet());
        ids.addAll(finalFindings);
        for (String id : ids) {
            boolean standing = false;
            for (String action : actions.getOrDefault(id, List.of())) {
                boolean ok = switch (action) {
                    case Issues.RAISED -> !standing;
                    case Issues.UPDATED -> standing;
                    case Issues.WITHDRAWN -> standing;
                    default -> false;
                };
                if (!ok) out.add(id + ": " + actions.get(id));
                standing = !action.equals(Issues.WITHDRAWN);
                if (!ok) break;
            }
            if (standing != finalFindings.contains(id)) out.add(id + ": ends " + (standing ? "raised" : "withdrawn") + " " + actions.getOrDefault(id, List.of()));
        }
        return out;
    }
}
