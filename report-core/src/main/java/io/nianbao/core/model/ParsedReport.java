package io.nianbao.core.model;

import io.nianbao.core.template.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parser read from one report: metadata, the three tables (activeDisclosure = section 二,
 * applications = section 三, reviewLitigation = section 四), the figures quoted in the narrative, and
 * every warning about what could not be read cleanly.
 *
 * @param template the template of the tables as a whole (section 三 decides when the sections differ)
 * @param hintedFields metadata fields filled from ingest hints rather than read from the text
 * @param narrativeFigures numbers the narrative quotes, keyed like table cells (newReceived → 6)
 * @param readings how each section found was read (activeDisclosure → "cells, tab_rows"; applications →
 *        "flattened runs: …"), so users can filter on the reader and on forced splits
 */
public record ParsedReport(
        String reportId,
        String issuer,
        String region,
        String province,
        String divisionCode,
        Integer reportYear,
        String publishedDate,
        String documentNumber,
        Template template,
        Template activeDisclosureTemplate,
        Template applicationsTemplate,
        Set<String> hintedFields,
        Table activeDisclosure,
        Table applications,
        Table reviewLitigation,
        Map<String, Double> narrativeFigures,
        List<String> warnings,
        Map<String, String> readings) {

    /** A report read without saying how (tests and derived copies). */
    public ParsedReport(String reportId, String issuer, String region, String province, String divisionCode, Integer reportYear,
            String publishedDate, String documentNumber, Template template, Template activeDisclosureTemplate, Template applicationsTemplate,
            Set<String> hintedFields, Table activeDisclosure, Table applications, Table reviewLitigation, Map<String, Double> narrativeFigures,
            List<String> warnings) {
        this(reportId, issuer, region, province, divisionCode, reportYear, publishedDate, documentNumber, template, activeDisclosureTemplate,
                applicationsTemplate, hintedFields, activeDisclosure, applications, reviewLitigation, narrativeFigures, warnings, Map.of());
    }
}
