package io.nianbao.contracts;

import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.aggregate.ReportContribution;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The aggregate's Avro record ↔ the core's {@link ProvinceTotals}, and the adder and subtractor on records. */
public final class AggregateMapping {

    private AggregateMapping() {
    }

    public static String bucketKey(ValidatedReportRecord v) {
        return ProvinceTotals.key(v.getReport().getProvince(), v.getReport().getReportYear());
    }

    public static ProvinceAggregateRecord empty() {
        return toRecord(ProvinceTotals.empty(null, null));
    }

    /**
     * What one validated report adds to its bucket, as an aggregate of one report: the numbers only (no text,
     * no findings' words), so the table of latest reports and the repartition by province carry little.
     */
    public static ProvinceAggregateRecord contributionRecord(ValidatedReportRecord v) {
        return contributionRecord(v, AvroMapping.fromRecord(v.getReport()), findings(v));
    }

    /**
     * The same from the record's report and findings mapped already (by a caller that needs them too).
     * aggregate-service computes a replaced version's contribution again to subtract it: a change here
     * needs its aggregates recounted (README, "One identity per report").
     */
    public static ProvinceAggregateRecord contributionRecord(ValidatedReportRecord v, ParsedReport report, List<Finding> findings) {
        return toRecord(ProvinceTotals.empty(v.getReport().getProvince(), v.getReport().getReportYear())
                .add(ReportContribution.of(report, v.getStatus(), findings)));
    }

    /** A validated record's findings in the core's terms. */
    public static List<Finding> findings(ValidatedReportRecord v) {
        return v.getFindings().stream().map(AvroMapping::fromRecord).toList();
    }

    /** The bucket of a report's contribution (province|year, unknowns as the empty bucket). */
    public static String bucketKey(ProvinceAggregateRecord contribution) {
        return ProvinceTotals.key(contribution.getProvince(), contribution.getReportYear());
    }

    /** The province of a contribution, "unknown" when it could not be read. */
    public static String provinceKey(ProvinceAggregateRecord contribution) {
        return contribution.getProvince() == null ? "unknown" : contribution.getProvince();
    }

    /** Errors and warnings in a contribution (infos were left out when it was made). */
    public static long findingsCount(ProvinceAggregateRecord contribution) {
        return contribution.getFindingsByRule().values().stream().mapToLong(Long::longValue).sum();
    }

    public static ProvinceAggregateRecord add(ProvinceAggregateRecord aggregate, ProvinceAggregateRecord contribution) {
        return toRecord(fromRecord(aggregate).add(asContribution(contribution)));
    }

    public static ProvinceAggregateRecord subtract(ProvinceAggregateRecord aggregate, ProvinceAggregateRecord contribution) {
        return toRecord(fromRecord(aggregate).subtract(asContribution(contribution)));
    }

    /** One contribution taken out and another put in (either may be null), in one pass over the aggregate. */
    public static ProvinceAggregateRecord replace(ProvinceAggregateRecord aggregate, ProvinceAggregateRecord removed, ProvinceAggregateRecord added) {
        ProvinceTotals totals = fromRecord(aggregate);
        if (removed != null) totals.subtract(asContribution(removed));
        if (added != null) totals.add(asContribution(added));
        return toRecord(totals);
    }

    /** A one-report aggregate back as the core's contribution. */
    static ReportContribution asContribution(ProvinceAggregateRecord c) {
        if (c.getReports() != 1 || c.getReportsByStatus().size() != 1) {
            throw new IllegalArgumentException("not the contribution of one report: " + c.getReports() + " reports, statuses " + c.getReportsByStatus());
        }
        return new ReportContribution(c.getProvince(), c.getReportYear(), c.getReportsByStatus().keySet().iterator().next(),
                copy(c.getActiveDisclosure()), copy(c.getApplications()), copy(c.getReviewLitigation()), new LinkedHashMap<>(c.getFindingsByRule()));
    }

    public static ReportContribution contribution(ValidatedReportRecord v) {
        return ReportContribution.of(AvroMapping.fromRecord(v.getReport()), v.getStatus(), findings(v));
    }

    public static ProvinceAggregateRecord toRecord(ProvinceTotals t) {
        return ProvinceAggregateRecord.newBuilder()
                .setProvince(t.province)
                .setReportYear(t.reportYear)
                .setReports(t.reports)
                .setReportsByStatus(new LinkedHashMap<>(t.reportsByStatus))
                .setFindingsByRule(new LinkedHashMap<>(t.findingsByRule))
                .setActiveDisclosure(copy(t.activeDisclosure))
                .setApplications(copy(t.applications))
                .setReviewLitigation(copy(t.reviewLitigation))
                .setUpdatedAt(Instant.now())
                .build();
    }

    public static ProvinceTotals fromRecord(ProvinceAggregateRecord r) {
        ProvinceTotals t = ProvinceTotals.empty(r.getProvince(), r.getReportYear());
        t.reports = r.getReports();
        t.reportsByStatus.putAll(r.getReportsByStatus());
        t.findingsByRule.putAll(r.getFindingsByRule());
        t.activeDisclosure.putAll(copy(r.getActiveDisclosure()));
        t.applications.putAll(copy(r.getApplications()));
        t.reviewLitigation.putAll(copy(r.getReviewLitigation()));
        return t;
    }

    private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> table) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        table.forEach((row, cells) -> out.put(row, new LinkedHashMap<>(cells)));
        return out;
    }
}
