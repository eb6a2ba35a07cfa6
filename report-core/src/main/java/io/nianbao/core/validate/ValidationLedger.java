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
        /**
         * A retracted report is remembered without a result, so that a version older than it, of another
         * lineage, arriving late, does not bring the identity back: in ingest order it came before.
         */
        public boolean retracted() {
            return result == null;
        }
    }

    /**
     * One report to (re)publish: its validation, the findings raised (new), updated (the same finding, its
     * figures or message changed) and withdrawn since the last version. A retracted report has no result
     * (a tombstone) and every earlier finding withdrawn. So per finding the actions alternate: RAISED,
     * UPDATED…, WITHDRAWN, RAISED again only after a WITHDRAWN.
     */
    public record Publication(String identity, ParsedReport report, Instant receivedAt, ValidationResult result,
                              List<Finding> raised, List<Finding> updated, List<Finding> withdrawn) {
        public Publication(String identity, ParsedReport report, Instant receivedAt, ValidationResult result, List<Finding> raised, List<Finding> withdrawn) {
            this(identity, report, receivedAt, result, raised, List.of(), withdrawn);
        }

        public boolean retracted() {
            return result == null;
        }
    }

    /** Where the entries live, by identity key. */
    public interface Store {
        Entry get(String identity);

        void put(String identity, Entry entry);
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
        };
    }

    /** The report the ledger holds for an identity, null when none (or it was retracted). */
    public synchronized Entry entry(String identity) {
        Entry e = store.get(identity);
        return e == null || e.retracted() ? null : e;
    }

    /** A version with no time and no lineage: it replaces whatever the ledger holds for its identity. */
    public synchronized List<Publication> accept(ParsedReport report) {
        return accept(report, null, null);
    }

    public synchronized List<Publication> accept(ParsedReport report, Instant receivedAt, String lineage) {
        return accept(ReportIdentity.key(report), report, receivedAt, lineage);
    }

    /** @param identity the key the version travels under (the record's own, so routing and state agree) */
    public synchronized List<Publication> accept(String identity, ParsedReport report, Instant receivedAt, String lineage) {
        Entry current = store.get(identity);
        // a newer version is already here, or this one was delivered twice
        if (current != null && !later(receivedAt, report, current)) return List.of();
        List<Publication> out = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(engine.validate(report).findings());
        Entry previousYear = neighbour(identity, -1);
        if (previousYear != null) findings.addAll(CrossYearRules.check(previousYear.report(), report));
        out.add(publish(identity, new Entry(report, receivedAt, lineage, ValidationResult.of(findings)),
                current == null || current.retracted() ? null : current));

        ReportIdentity.neighbourOf(identity, +1).ifPresent(next -> {
            Entry nextYear = entry(next);
            if (nextYear == null) return;
            // the later report's cross-year findings change now that its predecessor is known
            List<Finding> findingsOfNext = withoutCrossYear(nextYear);
            findingsOfNext.addAll(CrossYearRules.check(report, nextYear.report()));
            republish(next, nextYear, findingsOfNext).ifPresent(out::add);
        });
        return out;
    }

    /** Whether a version is later than the entry held, in the order of {@link ReportIdentity#versionOrder}; a version without a time always is. */
    private static boolean later(Instant receivedAt, ParsedReport report, Entry held) {
        if (receivedAt == null || held.receivedAt() == null) return true;
        return ReportIdentity.versionOrder(receivedAt, report.reportId(), held.receivedAt(), held.report().reportId()) > 0;
    }

    /**
     * The report held under {@code identity} is superseded by a version with another identity: it is removed
     * and its findings withdrawn, and the next year's cross-year findings against it too. Only when the entry
     * belongs to {@code lineage}: a report of another source that took the identity since stays.
     */
    public synchronized List<Publication> retract(String identity, String lineage) {
        Entry current = store.get(identity);
        if (current == null || current.retracted() || (lineage != null && !lineage.equals(current.lineage()))) return List.of();
        store.put(identity, new Entry(current.report(), current.receivedAt(), current.lineage(), null));
        return withdrawn(identity, current);
    }

    /**
     * A version its lineage had already left when it arrived: in ingest order it replaced what its identity
     * held then (anything older), and was later retracted. So what is older goes, and the version is
     * remembered as retracted; what is newer stays.
     */
    public synchronized List<Publication> supersede(ParsedReport report, Instant receivedAt, String lineage) {
        return supersede(ReportIdentity.key(report), report, receivedAt, lineage);
    }

    public synchronized List<Publication> supersede(String identity, ParsedReport report, Instant receivedAt, String lineage) {
        Entry current = store.get(identity);
        if (current != null && !later(receivedAt, report, current)) return List.of();
        store.put(identity, new Entry(report, receivedAt, lineage, null));
        if (current == null || current.retracted()) return List.of();
        return withdrawn(identity, current);
    }

    /** The publications of an entry that is gone: its tombstone with every finding withdrawn, and the next year's cross-year ones. */
    private List<Publication> withdrawn(String identity, Entry gone) {
        List<Publication> out = new ArrayList<>();
        out.add(new Publication(identity, gone.report(), gone.receivedAt(), null, List.of(), gone.result().findings()));
        ReportIdentity.neighbourOf(identity, +1).ifPresent(next -> {
            Entry nextYear = entry(next);
            if (nextYear != null) republish(next, nextYear, withoutCrossYear(nextYear)).ifPresent(out::add);
        });
        return out;
    }

    private static List<Finding> withoutCrossYear(Entry entry) {
        return new ArrayList<>(entry.result().findings().stream().filter(f -> !f.rule().startsWith("CROSS_YEAR_")).toList());
    }

    private java.util.Optional<Publication> republish(String identity, Entry entry, List<Finding> findings) {
        Publication p = publish(identity, new Entry(entry.report(), entry.receivedAt(), entry.lineage(), ValidationResult.of(findings)), entry);
        return p.raised().isEmpty() && p.updated().isEmpty() && p.withdrawn().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(p);
    }

    private Publication publish(String identity, Entry entry, Entry before) {
        store.put(identity, entry);
        Map<String, Finding> old = new LinkedHashMap<>();
        if (before != null) before.result().findings().forEach(f -> old.put(f.id(), f));
        List<Finding> raised = new ArrayList<>();
        List<Finding> updated = new ArrayList<>();
        for (Finding f : entry.result().findings()) {
            Finding was = old.remove(f.id());
            if (was == null) raised.add(f);
            else if (!was.equals(f)) updated.add(f);
        }
        return new Publication(identity, entry.report(), entry.receivedAt(), entry.result(), raised, updated, new ArrayList<>(old.values()));
    }

    private Entry neighbour(String identity, int years) {
        return ReportIdentity.neighbourOf(identity, years).map(this::entry).orElse(null);
    }
}
