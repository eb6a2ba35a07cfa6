package io.nianbao.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.Severity;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the drill-down keeps of one identity's latest version: its {@link ReportView}, where it was
 * published, and the history of its versions (newest first), each with the findings it withdrew.
 */
public final class ReportDetail {

    /** Enough to tell a report's story; an identity corrected more often keeps its latest versions only. */
    public static final int MAX_VERSIONS = 20;

    private ReportDetail() {
    }

    /**
     * The detail of a new version, given the detail kept before it (null when none). The same version
     * again (a redelivery, a replay) keeps the history as it was.
     */
    public static ObjectNode next(JsonNode previous, String identity, ParsedReport r, String status, List<Finding> findings,
                                  String sourceUrl, Instant receivedAt) {
        ObjectNode o = ReportView.of(r, status, findings);
        o.put("identity", identity);
        o.put("sourceUrl", sourceUrl);
        o.put("receivedAt", receivedAt == null ? null : receivedAt.toString());
        ArrayNode versions = o.putArray("versions");
        ObjectNode current = versions.addObject();
        current.put("reportId", r.reportId());
        current.put("receivedAt", receivedAt == null ? null : receivedAt.toString());
        current.put("status", status);
        current.put("sourceUrl", sourceUrl);
        current.put("findings", counted(findings));
        ArrayNode withdrawn = current.putArray("withdrawn");
        if (previous == null || !previous.has("versions")) return o;
        JsonNode earlier = previous.path("versions");
        boolean sameVersion = r.reportId().equals(previous.path("reportId").asText(null));
        if (sameVersion) {
            current.set("withdrawn", earlier.path(0).path("withdrawn").deepCopy());
        } else {
            Set<String> now = new HashSet<>();
            findings.forEach(f -> now.add(f.id()));
            for (JsonNode f : previous.path("findings")) {
                if (!now.contains(f.path("id").asText())) {
                    withdrawn.addObject().put("id", f.path("id").asText()).put("rule", f.path("rule").asText())
                            .put("severity", f.path("severity").asText()).put("messageZh", f.path("messageZh").asText());
                }
            }
        }
        for (int i = sameVersion ? 1 : 0; i < earlier.size() && versions.size() < MAX_VERSIONS; i++) versions.add(earlier.get(i).deepCopy());
        return o;
    }

    /** Errors and warnings: what a person counts as findings (an info says what could not be assessed). */
    public static int counted(List<Finding> findings) {
        return (int) findings.stream().filter(f -> f.severity() != Severity.INFO).count();
    }
}
