package io.nianbao.contracts;

import io.nianbao.contracts.avro.CellRecord;
import io.nianbao.contracts.avro.FindingRecord;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.ReportIdentity;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.Template;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Between the pure core's model and the Avro records on the topics. */
public final class AvroMapping {

    private AvroMapping() {
    }

    public static ParsedReportRecord toRecord(ParsedReport r, Instant receivedAt) {
        return toRecord(r, receivedAt, null, null);
    }

    /** With what links its versions: the source URL and the earlier version named at ingest (either may be null). */
    public static ParsedReportRecord toRecord(ParsedReport r, Instant receivedAt, String sourceUrl, String supersedes) {
        return ParsedReportRecord.newBuilder()
                .setReportId(r.reportId())
                .setIdentity(ReportIdentity.key(r))
                .setSourceUrl(sourceUrl)
                .setSupersedes(supersedes)
                .setReceivedAt(receivedAt)
                .setIssuer(r.issuer())
                .setRegion(r.region())
                .setProvince(r.province())
                .setDivisionCode(r.divisionCode())
                .setReportYear(r.reportYear())
                .setPublishedDate(r.publishedDate())
                .setDocumentNumber(r.documentNumber())
                .setTemplate(id(r.template()))
                .setActiveDisclosureTemplate(id(r.activeDisclosureTemplate()))
                .setApplicationsTemplate(id(r.applicationsTemplate()))
                .setHintedFields(new ArrayList<>(r.hintedFields()))
                .setActiveDisclosure(toCells(r.activeDisclosure()))
                .setApplications(toCells(r.applications()))
                .setReviewLitigation(toCells(r.reviewLitigation()))
                .setNarrativeFigures(new LinkedHashMap<>(r.narrativeFigures()))
                .setWarnings(new ArrayList<>(r.warnings()))
                .setReadings(new LinkedHashMap<>(r.readings()))
                .build();
    }

    public static ParsedReport fromRecord(ParsedReportRecord r) {
        return new ParsedReport(r.getReportId(), r.getIssuer(), r.getRegion(), r.getProvince(), r.getDivisionCode(),
                r.getReportYear(), r.getPublishedDate(), r.getDocumentNumber(), Template.fromId(r.getTemplate()),
                Template.fromId(r.getActiveDisclosureTemplate()), Template.fromId(r.getApplicationsTemplate()),
                new LinkedHashSet<>(r.getHintedFields()), fromCells(r.getActiveDisclosure()), fromCells(r.getApplications()),
                fromCells(r.getReviewLitigation()), new LinkedHashMap<>(r.getNarrativeFigures()), new ArrayList<>(r.getWarnings()),
                r.getReadings() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getReadings()));
    }

    /** The record's identity key (records written before identities had none: computed from the report). */
    public static String identity(ParsedReportRecord r) {
        return r.getIdentity() != null ? r.getIdentity() : ReportIdentity.key(fromRecord(r));
    }

    /** What links the versions of one report whose identity may change ({@link io.nianbao.core.validate.Lineages#of}). */
    public static String lineage(ParsedReportRecord r) {
        return io.nianbao.core.validate.Lineages.of(r.getSupersedes(), r.getSourceUrl(), r.getReportId());
    }

    public static FindingRecord toRecord(Finding f) {
        return FindingRecord.newBuilder()
                .setId(f.id()).setRule(f.rule()).setSeverity(f.severity().id())
                .setSection(f.section()).setRow(f.row()).setColumn(f.column())
                .setExpected(f.expected()).setActual(f.actual())
                .setMessageZh(f.messageZh()).setMessageEn(f.messageEn())
                .build();
    }

    public static Finding fromRecord(FindingRecord f) {
        return new Finding(f.getId(), f.getRule(), Severity.valueOf(f.getSeverity().toUpperCase()), f.getSection(), f.getRow(),
                f.getColumn(), f.getExpected(), f.getActual(), f.getMessageZh(), f.getMessageEn());
    }

    public static List<FindingRecord> toRecords(List<Finding> findings) {
        return findings.stream().map(AvroMapping::toRecord).toList();
    }

    /**
     * A report with its validation as reports.validated carries it: one builder for validate-service and for
     * whatever stands in for it (the chaos check's recomputation, the stores bench), so they cannot drift apart.
     *
     * @param lineage null when the report has none
     */
    public static io.nianbao.contracts.avro.ValidatedReportRecord validatedRecord(ParsedReportRecord report, String status, List<Finding> findings,
                                                                                  Instant validatedAt, String lineage) {
        return io.nianbao.contracts.avro.ValidatedReportRecord.newBuilder()
                .setReport(report)
                .setStatus(status)
                .setFindings(toRecords(findings))
                .setValidatedAt(validatedAt)
                .setLineage(lineage)
                .build();
    }

    static Map<String, Map<String, CellRecord>> toCells(Table table) {
        Map<String, Map<String, CellRecord>> rows = new LinkedHashMap<>();
        table.rows().forEach((row, cells) -> {
            Map<String, CellRecord> out = new LinkedHashMap<>();
            cells.forEach((column, cell) -> out.put(column, new CellRecord(cell.raw(), cell.value())));
            rows.put(row, out);
        });
        return rows;
    }

    static Table fromCells(Map<String, Map<String, CellRecord>> rows) {
        Table table = new Table();
        rows.forEach((row, cells) -> cells.forEach((column, cell) -> table.put(row, column, new Cell(cell.getRaw(), cell.getValue()))));
        return table;
    }

    private static String id(Template t) {
        return t == null ? null : t.id();
    }
}
