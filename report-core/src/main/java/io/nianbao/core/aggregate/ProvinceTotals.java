package io.nianbao.core.aggregate;

import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.ReviewBlock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running totals of one (province, report year): report counts by status, findings by rule and the
 * sums of every table cell. {@link #add} and {@link #subtract} are exact inverses, so a Kafka Streams
 * table aggregate can replace a report by a corrected version without counting anything twice.
 */
public final class ProvinceTotals {

    public String province;
    public Integer reportYear;
    public long reports;
    public final Map<String, Long> reportsByStatus = new LinkedHashMap<>();
    public final Map<String, Long> findingsByRule = new LinkedHashMap<>();
    public final Map<String, Map<String, Double>> activeDisclosure = new LinkedHashMap<>();
    public final Map<String, Map<String, Double>> applications = new LinkedHashMap<>();
    public final Map<String, Map<String, Double>> reviewLitigation = new LinkedHashMap<>();

    public static ProvinceTotals empty(String province, Integer reportYear) {
        ProvinceTotals t = new ProvinceTotals();
        t.province = province;
        t.reportYear = reportYear;
        return t;
    }

    public ProvinceTotals add(ReportContribution c) {
        return apply(c, 1);
    }

    public ProvinceTotals subtract(ReportContribution c) {
        return apply(c, -1);
    }

    private ProvinceTotals apply(ReportContribution c, int sign) {
        if (province == null) province = c.province();
        if (reportYear == null) reportYear = c.reportYear();
        reports += sign;
        merge(reportsByStatus, c.status(), sign);
        c.findingsByRule().forEach((rule, n) -> merge(findingsByRule, rule, sign * n));
        mergeTable(activeDisclosure, c.activeDisclosure(), sign);
        mergeTable(applications, c.applications(), sign);
        mergeTable(reviewLitigation, c.reviewLitigation(), sign);
        return this;
    }

    private static void merge(Map<String, Long> counts, String key, long delta) {
        long n = counts.getOrDefault(key, 0L) + delta;
        if (n == 0) counts.remove(key);
        else counts.put(key, n);
    }

    private static void mergeTable(Map<String, Map<String, Double>> into, Map<String, Map<String, Double>> from, int sign) {
        from.forEach((row, cells) -> {
            Map<String, Double> target = into.computeIfAbsent(row, r -> new LinkedHashMap<>());
            // to a millionth: amounts added and later subtracted would otherwise leave float dust (34831.929999…)
            cells.forEach((column, v) -> target.merge(column, sign * v, (a, b) -> Math.round((a + b) * 1e6) / 1e6));
        });
    }

    /** (granted + partiallyGranted) / results.total, over the 总计 column; null when nothing was handled. */
    public Double disclosureRate() {
        String total = ApplicantColumn.TOTAL.id();
        double handled = cell(applications, ApplicationRow.RESULTS_TOTAL.path(), total);
        if (handled <= 0) return null;
        return (cell(applications, ApplicationRow.GRANTED.path(), total) + cell(applications, ApplicationRow.PARTIALLY_GRANTED.path(), total)) / handled;
    }

    /** corrected / total of the administrative-review block. */
    public Double reviewCorrectionRate() {
        return rate(ReviewBlock.ADMINISTRATIVE_REVIEW.id());
    }

    /** corrected / total over both litigation blocks. */
    public Double litigationCorrectionRate() {
        double total = cell(reviewLitigation, ReviewBlock.LITIGATION_DIRECT.id(), "total") + cell(reviewLitigation, ReviewBlock.LITIGATION_AFTER_REVIEW.id(), "total");
        if (total <= 0) return null;
        return (cell(reviewLitigation, ReviewBlock.LITIGATION_DIRECT.id(), "corrected") + cell(reviewLitigation, ReviewBlock.LITIGATION_AFTER_REVIEW.id(), "corrected")) / total;
    }

    private Double rate(String block) {
        double total = cell(reviewLitigation, block, "total");
        return total <= 0 ? null : cell(reviewLitigation, block, "corrected") / total;
    }

    private static double cell(Map<String, Map<String, Double>> table, String row, String column) {
        Map<String, Double> cells = table.get(row);
        Double v = cells == null ? null : cells.get(column);
        return v == null ? 0 : v;
    }

    /** The key of a (province, report year) bucket; unknowns are an explicit bucket, never dropped. */
    public static String key(String province, Integer reportYear) {
        return (province == null ? "unknown" : province) + "|" + (reportYear == null ? "unknown" : reportYear);
    }
}
