package io.nianbao.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.Severity;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the drill-down shows of one identity's latest version: its {@link ReportView}, where it was
 * published, and the history of its versions (newest first), each with the findings it withdrew. What is
 * kept per report is the version itself and the small history ({@link #versions}); the view is built
 * when it is asked for ({@link #of}), not for every report that arrives.
 */
public final class ReportDetail {

    /** Enough to tell a report's story; an identity corrected more often keeps its latest versions only. */
    public static final int MAX_VERSIONS = 20;

    private ReportDetail() {
    }

    /** The version kept before the new one arrived: its id and findings (what a correction can withdraw), and its history. */
    public record Earlier(String reportId, List<Finding> findings, JsonNode versions) {
    }

    /**
     * The history after a new version (newest first): the new version with the findings it withdrew from
     * the earlier one, then the earlier history. The same version again (a redelivery, a replay) keeps the
     * history as it was. {@code earlier} is null for an identity's first version.
     */
    public static ArrayNode versions(Earlier earlier, ParsedReport r, String status, List<Finding> findings, String sourceUrl, Instant receivedAt) {
        ArrayNode versions = ReportJson.MAPPER.createArrayNode();
        ObjectNode current = versions.addObject();
        current.put("reportId", r.reportId());
        current.put("receivedAt", receivedAt == null ? null : receivedAt.toString());
        current.put("status", status);
        current.put("sourceUrl", sourceUrl);
        current.put("findings", counted(findings));
        ArrayNode withdrawn = current.putArray("withdrawn");
        if (earlier == null) return versions;
        JsonNode history = earlier.versions() == null ? ReportJson.MAPPER.createArrayNode() : earlier.versions();
        boolean sameVersion = r.reportId().equals(earlier.reportId());
        if (sameVersion) {
            current.set("withdrawn", history.path(0).path("withdrawn").deepCopy());
        } else {
            Set<String> now = new HashSet<>();
            findings.forEach(f -> now.add(f.id()));
            for (Finding f : earlier.findings()) {
                if (!now.contains(f.id())) {
                    withdrawn.addObject().put("id", f.id()).put("rule", f.rule()).put("severity", f.severity().id()).put("messageZh", f.messageZh());
                }
            }
        }
        for (int i = sameVersion ? 1 : 0; i < history.size() && versions.size() < MAX_VERSIONS; i++) versions.add(history.get(i).deepCopy());
        return versions;
    }

    /** The report page's detail: the version's {@link ReportView}, its identity, address and time, and its history. */
    public static ObjectNode of(String identity, ParsedReport r, String status, List<Finding> findings, String sourceUrl, Instant receivedAt,
                                JsonNode versions) {
        ObjectNode o = ReportView.of(r, status, findings);
        o.put("identity", identity);
        o.put("sourceUrl", sourceUrl);
        o.put("receivedAt", receivedAt == null ? null : receivedAt.toString());
        o.set("versions", versions == null ? versions(null, r, status, findings, sourceUrl, receivedAt) : versions.deepCopy());
        return o;
    }

    /** Errors and warnings: what a person counts as findings (an info says what could not be assessed). */
    public static int counted(List<Finding> findings) {
        return (int) findings.stream().filter(f -> f.severity() != Severity.INFO).count();
    }
}
