package io.nianbao.core;

import io.nianbao.core.document.DocumentFormat;
import io.nianbao.core.document.DocumentText;
import io.nianbao.core.layout.LayoutFamily;
import io.nianbao.core.metadata.MetadataExtractor;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.metadata.ReportMetadata;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.normalise.HtmlToText;
import io.nianbao.core.normalise.TextNormaliser;
import io.nianbao.core.tables.FlatRunReader;
import io.nianbao.core.tables.ParsedTables;
import io.nianbao.core.tables.TableParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The parsing facade the command line and parse-service call: text or HTML in, a {@link ParsedReport} out. */
public final class ReportParser {

    private static final Pattern HTML = Pattern.compile("(?is)^\\s*(<!doctype html|<html|<head|<body|<table|<div|<p[ >])");

    private final TextNormaliser normaliser = new TextNormaliser();
    private final HtmlToText htmlToText = new HtmlToText();
    private final TableParser tableParser = new TableParser();
    private final FlatRunReader flatRunReader = new FlatRunReader();
    private final MetadataExtractor metadataExtractor;

    public ReportParser() {
        this(new MetadataExtractor());
    }

    public ReportParser(MetadataExtractor metadataExtractor) {
        this.metadataExtractor = metadataExtractor;
    }

    public static boolean looksLikeHtml(String text) {
        return HTML.matcher(text).find();
    }

    /** Sections the cell readers did not find are looked for again as flattened runs of label and digits. */
    private ParsedTables withFlatRuns(ParsedTables tables, String text) {
        FlatRunReader.Section applications = tables.applications().isEmpty() ? flatRunReader.readApplications(text) : null;
        FlatRunReader.Section review = tables.reviewLitigation().isEmpty() ? flatRunReader.readReview(text) : null;
        boolean newApplications = applications != null && applications.found();
        boolean newReview = review != null && review.found();
        if (!newApplications && !newReview) return tables;
        List<String> warnings = new ArrayList<>();
        for (String w : tables.warnings()) {
            if (newApplications && (w.startsWith("SECTION_NOT_FOUND: section 三") || w.startsWith("TEMPLATE_MIXED"))) continue;
            if (newReview && w.startsWith("SECTION_NOT_FOUND: section 四")) continue;
            warnings.add(w);
        }
        if (newApplications) warnings.addAll(applications.warnings());
        if (newReview) warnings.addAll(review.warnings());
        Map<String, String> flat = new LinkedHashMap<>();
        if (newApplications) flat.put("applications", applications.reading());
        if (newReview) flat.put("reviewLitigation", review.reading());
        return new ParsedTables(tables.activeDisclosure(), newApplications ? applications.table() : tables.applications(),
                newReview ? review.table() : tables.reviewLitigation(), tables.activeDisclosureTemplate(),
                newApplications ? applications.template() : tables.applicationsTemplate(), warnings, flat);
    }

    /**
     * Parses a document read by {@link io.nianbao.core.document.DocumentReader}: its text (as HTML when
     * the document is HTML), with the document's own warnings first.
     */
    public ParsedReport parse(String reportId, DocumentText document, ReportHints hints) {
        String text = document.format() == DocumentFormat.HTML ? htmlToText.toText(document.text()) : document.text();
        ParsedReport p = parse(reportId, text, hints);
        List<String> warnings = new ArrayList<>(document.warnings());
        warnings.addAll(p.warnings());
        return new ParsedReport(p.reportId(), p.issuer(), p.region(), p.province(), p.divisionCode(), p.reportYear(), p.publishedDate(),
                p.documentNumber(), p.template(), p.activeDisclosureTemplate(), p.applicationsTemplate(), p.hintedFields(),
                p.activeDisclosure(), p.applications(), p.reviewLitigation(), p.narrativeFigures(), warnings,
                document.format() == DocumentFormat.PDF || document.format() == DocumentFormat.DOCX || document.format() == DocumentFormat.DOC
                        ? from(document.format(), p.readings()) : p.readings());
    }

    private static Map<String, String> from(DocumentFormat format, Map<String, String> readings) {
        Map<String, String> out = new LinkedHashMap<>();
        readings.forEach((section, how) -> out.put(section, format.name().toLowerCase(java.util.Locale.ROOT) + " text, " + how));
        return out;
    }

    public ParsedReport parse(String reportId, String content, ReportHints hints) {
        String text = looksLikeHtml(content) ? htmlToText.toText(content) : content;
        TextNormaliser.Result normalised = normaliser.normalise(text);
        LayoutFamily layout = LayoutFamily.detect(normalised.text());
        ParsedTables cells = tableParser.parse(layout.tokens(normalised.text()));
        ParsedTables tables = withFlatRuns(cells, normalised.text());
        Map<String, String> readings = new LinkedHashMap<>();
        String cellReading = "cells, " + (text != content ? "html" : layout.name().toLowerCase(java.util.Locale.ROOT));
        reading(readings, "activeDisclosure", tables.activeDisclosure(), cells.activeDisclosure(), cellReading, tables.flatReadings());
        reading(readings, "applications", tables.applications(), cells.applications(), cellReading, tables.flatReadings());
        reading(readings, "reviewLitigation", tables.reviewLitigation(), cells.reviewLitigation(), cellReading, tables.flatReadings());
        ReportMetadata meta = metadataExtractor.extract(normalised.text(), hints);

        List<String> warnings = new ArrayList<>(normalised.warnings());
        warnings.addAll(meta.warnings());
        warnings.addAll(tables.warnings());
        Map<String, Double> narrative = new LinkedHashMap<>();
        if (meta.narrativeNewReceived() != null) narrative.put("newReceived", meta.narrativeNewReceived());
        return new ParsedReport(reportId, meta.issuer(), meta.region(), meta.province(), meta.divisionCode(),
                meta.reportYear(), meta.publishedDate(), meta.documentNumber(), tables.template(),
                tables.activeDisclosureTemplate(), tables.applicationsTemplate(), meta.hintedFields(),
                tables.activeDisclosure(), tables.applications(), tables.reviewLitigation(), narrative, warnings, readings);
    }

    private static void reading(Map<String, String> out, String section, io.nianbao.core.model.Table table, io.nianbao.core.model.Table fromCells,
            String cellReading, Map<String, String> flat) {
        if (table.isEmpty()) return;
        out.put(section, table == fromCells ? cellReading : flat.getOrDefault(section, "flattened runs"));
    }
}
