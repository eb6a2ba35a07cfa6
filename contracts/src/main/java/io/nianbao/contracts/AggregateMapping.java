package io.nianbao.contracts;

import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.aggregate.ReportContribution;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The aggregate's Avro record ↔ the core's {@link ProvinceTotals}, and the adder and subtractor on records. */
public final class AggregateMapping {

    private AggregateMapping() {
    }

    public static String bucketKey(ValidatedReportRecord v) {
        return ProvinceTotals.key(v.getReport().getProvince(), v.getReport().getReportYear());
    }

    /** The province of a validated report, "unknown" when it could not be read. */
    public static String provinceKey(ValidatedReportRecord v) {
        return v.getReport().getProvince() == null ? "unknown" : v.getReport().getProvince();
    }

    /** Errors and warnings of a validated report (infos are notes, not findings a reader acts on). */
    public static long findingsCount(ValidatedReportRecord v) {
        return v.getFindings().stream().filter(f -> !"info".equals(f.getSeverity())).count();
    }

    public static ProvinceAggregateRecord empty() {
        return toRecord(ProvinceTotals.empty(null, null));
    }

    public static ProvinceAggregateRecord add(ProvinceAggregateRecord aggregate, ValidatedReportRecord report) {
        return toRecord(fromRecord(aggregate).add(contribution(report)));
    }

    public static ProvinceAggregateRecord subtract(ProvinceAggregateRecord aggregate, ValidatedReportRecord report) {
        return toRecord(fromRecord(aggregate).subtract(contribution(report)));
    }

    public static ReportContribution contribution(ValidatedReportRecord v) {
        return ReportContribution.of(AvroMapping.fromRecord(v.getReport()), v.getStatus(),
                v.getFindings().stream().map(AvroMapping::fromRecord).toList());
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
