package io.nianbao.core.model;

import java.text.Normalizer;

/**
 * "This issuer's report for this year": the key of every topic after reports.raw, so that every version
 * of one report lands on one partition and a later version replaces the earlier one.
 * <p>
 * {@code division|issuer|year}: the GB/T 2260 code of the most specific division read ({@code ?} when
 * none was), the issuer's name normalised (NFKC, no spaces), the report year. An issuer or a year that
 * could not be read is an explicit unknown that never merges two reports: {@code ?#reportId} stands in
 * for it, so two unread reports stay two. Same-named districts of different provinces (鼓楼区 exists four
 * times) differ by their division code; the issuer key ({@code division|issuer}) puts all years of one
 * issuer on one partition, which is what the cross-year checks need.
 */
public record ReportIdentity(String division, String issuer, String year) {

    public static final String UNKNOWN = "?";
    private static final char SEPARATOR = '|';

    public static ReportIdentity of(ParsedReport report) {
        String issuer = normalisedIssuer(report.issuer());
        String unknown = UNKNOWN + "#" + report.reportId();
        return new ReportIdentity(
                report.divisionCode() == null || report.divisionCode().isBlank() ? UNKNOWN : report.divisionCode().strip(),
                issuer == null ? unknown : issuer,
                report.reportYear() == null ? unknown : Integer.toString(report.reportYear()));
    }

    /** The key string, {@code division|issuer|year}. */
    public static String key(ParsedReport report) {
        return of(report).key();
    }

    public String key() {
        return issuerKey() + SEPARATOR + year;
    }

    /** {@code division|issuer}: every year of one issuer. */
    public String issuerKey() {
        return division + SEPARATOR + issuer;
    }

    /** The issuer key of an identity key (everything before its year). */
    public static String issuerKeyOf(String identityKey) {
        int last = identityKey.lastIndexOf(SEPARATOR);
        return last < 0 ? identityKey : identityKey.substring(0, last);
    }

    /** The identity of the same issuer's report {@code years} later (earlier when negative), when this one's year is known. */
    public java.util.Optional<String> neighbour(int years) {
        return neighbourOf(key(), years);
    }

    /** The identity of the same issuer's report {@code years} later (earlier when negative), from an identity key; empty when its issuer or year is unknown. */
    public static java.util.Optional<String> neighbourOf(String identityKey, int years) {
        String[] parts = identityKey.split("\\|", -1);
        if (parts.length != 3 || parts[1].startsWith(UNKNOWN) || parts[2].startsWith(UNKNOWN)) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(parts[0] + SEPARATOR + parts[1] + SEPARATOR + (Integer.parseInt(parts[2]) + years));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The order of two versions: by the time ingest received them, then by report id, so that two versions
     * received in the same millisecond are ordered the same way whichever arrives first. Positive when
     * {@code (atA, idA)} is the later one, 0 for the same version.
     */
    public static int versionOrder(java.time.Instant atA, String idA, java.time.Instant atB, String idB) {
        int byTime = atA.compareTo(atB);
        return byTime != 0 ? byTime : idA.compareTo(idB);
    }

    /** NFKC (full-width brackets and digits become their plain forms), every kind of space removed; null when nothing is left. */
    public static String normalisedIssuer(String issuer) {
        if (issuer == null) return null;
        String n = Normalizer.normalize(issuer, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000|]+", "");
        return n.isEmpty() ? null : n;
    }
}
