package io.nianbao.core.validate;

import io.nianbao.core.model.ReportIdentity;
import java.time.Duration;
import java.time.Instant;

/**
 * What links the versions of one report whose identity may change, and when a later version retracts
 * the identity an earlier one had.
 */
public final class Lineages {

    /**
     * Versions at one address further apart than this, the later one for a later year, are two reports
     * (portals often publish each year's report at the same address), not a correction.
     */
    public static final Duration NEXT_YEARS_REPORT = Duration.ofDays(180);

    private Lineages() {
    }

    /** The earlier version named at ingest (its source URL or report id), else the source URL, else the report's own id. */
    public static String of(String supersedes, String sourceUrl, String reportId) {
        if (supersedes != null && !supersedes.isBlank()) return supersedes.strip();
        if (sourceUrl != null && !sourceUrl.isBlank()) return sourceUrl.strip();
        return reportId;
    }

    /**
     * Whether a later version of a lineage, now under {@code newIdentity}, retracts the identity the lineage
     * held. Always when the later version named the earlier one ({@code explicit}); through a shared address
     * only when it does not look like the next year's report published at the same address.
     */
    public static boolean retracts(String heldIdentity, Instant heldAt, String newIdentity, Instant newAt, boolean explicit) {
        if (heldIdentity.equals(newIdentity)) return false;
        if (explicit) return true;
        Integer heldYear = year(heldIdentity);
        Integer newYear = year(newIdentity);
        boolean sameIssuer = ReportIdentity.issuerKeyOf(heldIdentity).equals(ReportIdentity.issuerKeyOf(newIdentity));
        boolean nextYear = heldYear != null && newYear != null && newYear > heldYear && sameIssuer;
        return !(nextYear && Duration.between(heldAt, newAt).compareTo(NEXT_YEARS_REPORT) >= 0);
    }

    private static Integer year(String identity) {
        String y = identity.substring(identity.lastIndexOf('|') + 1);
        try {
            return Integer.valueOf(y);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
