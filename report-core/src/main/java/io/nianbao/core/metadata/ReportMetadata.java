package io.nianbao.core.metadata;

import java.util.List;
import java.util.Set;

/** Issuer, year, place and document facts read from a report's text (and hints, listed in hintedFields). */
public record ReportMetadata(
        String issuer,
        Integer reportYear,
        String region,
        String province,
        String divisionCode,
        String publishedDate,
        String documentNumber,
        Double narrativeNewReceived,
        Set<String> hintedFields,
        List<String> warnings) {
}
