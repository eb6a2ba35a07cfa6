package io.nianbao.core.validate;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.ReportIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What validate-service remembers: the latest validated version of every report, by its
 * {@link ReportIdentity}. Accepting a report validates it, adds the cross-year checks against the
 * issuer's previous and next year (whichever arrived first), and says which findings are new and which
 * a correction withdrew. Retracting an identity (its report was superseded by a version whose identity
 * changed) withdraws all its findings.
 * <p>
 * The entries live in a {@link Store}: a Kafka Streams state store with a changelog in the service, a
 * map in tests. Versions are ordered by the time ingest received them, not by arrival here: an older
 * version arriving after a newer one changes nothing, and so does the same version delivered twice, so
 * the final state does not depend on the order the versions came in.
 */
public final class ValidationLedger {

    /**
     * A report as last validated.
     *
     * @param receivedAt when ingest received this version (null: a version with no time, always the newest)
     * @param lineage    what links the versions of one report whose identity may change (its source URL, or
     *                   the id given as {@code supersedes} at ingest), null when nothing does
     */
    public record Entry(ParsedReport report, Instant receivedAt, String lineage, ValidationResult result) {
    }

    /**
     * One report to (re)publish: its validation, the findings raised and the ones withdrawn since the last
     * version. A retracted report has no result (a tombstone) and every earlier finding withdrawn.
     */
    public record Publication(String identity, ParsedReport report, Instant receivedAt, ValidationResult result,
                              List<Finding> raised, List<Finding> withdrawn) {
        public boolean retracted() {
            return result == null;
        }
    }

    /** Where the entries live, by identity key. */
    public interface Store {
        Entry get(String identity);

        void put(String identity, Entry entry);

        void delete(String identity);
    }

    private final RuleEngine engine;
    private final Store store;

    /** A ledger in memory (tests, the command line). */
    public ValidationLedger(RuleEngine engine) {
        this(engine, inMemory());
    }

    public ValidationLedger(RuleEngine engine, Store store) {
        this.engine = engine;
        this.store = store;
    }

    public static Store inMemory() {
        Map<String, Entry> map = new HashMap<>();
        return new Store() {
            @Override
            public Entry get(String identity) {
                return map.get(identity);
            }

            @Override
            public void put(String identity, Entry entry) {
                map.put(identity, entry);
            }

            @Override
            public void delete(String identity) {
                map.remove(identity);
            }
        };
    }

    /** A version with no time and no lineage: it replaces whatever the ledger holds for its identity. */
    public synchronized List<Publication> accept(ParsedReport report) {
        return accept(report, null, null);
    }

    public synchronized List<Publication> accept(ParsedReport report, Instant receivedAt, String lineage) {
        String identity = ReportIdentity.key(report);
        Entry current = store.get(identity);
        if (current != null && receivedAt != null && current.receivedAt() != null) {
            if (receivedAt.isBefore(current.receivedAt())) return List.of(); // a newer version is already here
            if (receivedAt.equals(current.receivedAt()) && current.report().reportId().equals(report.reportId())) return List.of(); // delivered twice
        }
        List<Publication> out = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(engine.validate(report).findings());
        Entry previousYear = neighbour(report, -1);
        if (previousYear != null) findings.addAll(CrossYearRules.check(previousYear.report(), report));
        out.add(publish(identity, new Entry(report, receivedAt, lineage, ValidationResult.of(findings)), current));

        Entry nextYear = neighbour(report, +1);
        if (nextYear != null) {
            // the later report's cross-year findings change now that its predecessor is known
            List<Finding> next = withoutCrossYear(nextYear);
            next.addAll(CrossYearRules.check(report, nextYear.report()));
            republish(nextYear, next).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The report held under {@code identity} is superseded by a version with another identity: it is removed
     * and its findings withdrawn, and the next year's cross-year findings against it too. Only when the entry
     * belongs to {@code lineage}: a report of another source that took the identity since stays.
     */
    public synchronized List<Publication> retract(String identity, String lineage) {
        Entry current = store.get(identity);
        if (current == null || (lineage != null && !lineage.equals(current.lineage()))) return List.of();
        store.delete(identity);
        List<Publication> out = new ArrayList<>();
        out.add(new Publication(identity, current.report(), current.receivedAt(), null, List.of(), current.result().findings()));
        Entry nextYear = neighbour(current.report(), +1);
        if (nextYear != null) republish(nextYear, withoutCrossYear(nextYear)).ifPresent(out::add);
        return out;
    }

    private static List<Finding> withoutCrossYear(Entry entry) {
        return new ArrayList<>(entry.result().findings().stream().filter(f -> !f.rule().startsWith("CROSS_YEAR_")).toList());
    }

    private java.util.Optional<Publication> republish(Entry entry, List<Finding> findings) {
        String identity = ReportIdentity.key(entry.report());
        Publication p = publish(identity, new Entry(entry.report(), entry.receivedAt(), entry.lineage(), ValidationResult.of(findings)), entry);
        return p.raised().isEmpty() && p.withdrawn().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(p);
    }

    private Publication publish(String identity, Entry entry, Entry before) {
        store.put(identity, entry);
        Map<String, Finding> old = new LinkedHashMap<>();
        if (before != null) before.result().findings().forEach(f -> old.put(f.id(), f));
        List<Finding> raised = new ArrayList<>();
        for (Finding f : entry.result().findings()) {
            Finding was = old.remove(f.id());
            if (was == null || !was.equals(f)) raised.add(f);
        }
        return new Publication(identity, entry.report(), entry.receivedAt(), entry.result(), raised, new ArrayList<>(old.values()));
    }

    private Entry neighbour(ParsedReport report, int years) {
        return ReportIdentity.of(report).neighbour(years).map(store::get).orElse(null);
    }
}
