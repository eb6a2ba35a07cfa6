package io.nianbao.core.validate;

import io.nianbao.core.model.ParsedReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What validate-service remembers: the latest validated version of every report (issuer and year).
 * Accepting a report validates it, adds the cross-year checks against the issuer's previous and next
 * year (whichever arrived first), and says which findings are new and which a correction withdrew.
 * The service restores it from the validated-reports topic, so it survives a restart.
 */
public final class ValidationLedger {

    /** A report as last validated. */
    public record Entry(ParsedReport report, ValidationResult result) {
    }

    /** One report to (re)publish: its validation, the findings raised and the ones withdrawn since the last version. */
    public record Publication(ParsedReport report, ValidationResult result, List<Finding> raised, List<Finding> withdrawn) {
    }

    private final RuleEngine engine;
    private final Map<String, Entry> latest = new HashMap<>();

    public ValidationLedger(RuleEngine engine) {
        this.engine = engine;
    }

    /** Restores an entry as it was published (on start-up), without publishing anything. */
    public synchronized void restore(ParsedReport report, ValidationResult result) {
        latest.put(Findings.identity(report), new Entry(report, result));
    }

    public synchronized int size() {
        return latest.size();
    }

    public synchronized List<Publication> accept(ParsedReport report) {
        List<Publication> out = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(engine.validate(report).findings());
        Entry previousYear = neighbour(report, -1);
        if (previousYear != null) findings.addAll(CrossYearRules.check(previousYear.report(), report));
        out.add(publish(report, ValidationResult.of(findings)));

        Entry nextYear = neighbour(report, +1);
        if (nextYear != null) {
            // the later report's cross-year findings change now that its predecessor is known
            List<Finding> next = new ArrayList<>(nextYear.result().findings().stream().filter(f -> !f.rule().startsWith("CROSS_YEAR_")).toList());
            next.addAll(CrossYearRules.check(report, nextYear.report()));
            Publication p = publish(nextYear.report(), ValidationResult.of(next));
            if (!p.raised().isEmpty() || !p.withdrawn().isEmpty()) out.add(p);
        }
        return out;
    }

    private Publication publish(ParsedReport report, ValidationResult result) {
        String identity = Findings.identity(report);
        Entry before = latest.put(identity, new Entry(report, result));
        Map<String, Finding> old = new LinkedHashMap<>();
        if (before != null) before.result().findings().forEach(f -> old.put(f.id(), f));
        List<Finding> raised = new ArrayList<>();
        for (Finding f : result.findings()) {
            Finding was = old.remove(f.id());
            if (was == null || !was.equals(f)) raised.add(f);
        }
        return new Publication(report, result, raised, new ArrayList<>(old.values()));
    }

    private Entry neighbour(ParsedReport report, int years) {
        if (report.issuer() == null || report.reportYear() == null) return null;
        return latest.get(report.issuer() + "|" + (report.reportYear() + years));
    }
}
