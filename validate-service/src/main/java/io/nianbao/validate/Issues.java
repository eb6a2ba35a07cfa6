package io.nianbao.validate;

import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** How a finding becomes a record on validation.issues: its key and headers let subscribers filter without decoding. */
public final class Issues {

    public static final String RAISED = "RAISED";
    /** The finding is still there, with other figures or words (a correction changed the cell but not enough). */
    public static final String UPDATED = "UPDATED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String HEADER_RULE = "rule";
    public static final String HEADER_SEVERITY = "severity";
    public static final String HEADER_PROVINCE = "province";
    public static final String HEADER_ISSUER = "issuer";
    public static final String HEADER_ACTION = "action";

    private Issues() {
    }

    /** province/issuer, so one partition holds an issuer's findings in order and a key prefix selects a province. */
    public static String key(ParsedReport r) {
        return (r.province() == null ? "unknown" : r.province()) + "/" + (r.issuer() == null ? r.reportId() : r.issuer());
    }

    public static ValidationIssueRecord record(ParsedReport r, Finding f, String action) {
        return ValidationIssueRecord.newBuilder()
                .setFindingId(f.id()).setAction(action).setReportId(r.reportId())
                .setIssuer(r.issuer()).setProvince(r.province()).setReportYear(r.reportYear())
                .setRule(f.rule()).setSeverity(f.severity().id())
                .setSection(f.section()).setRow(f.row()).setColumn(f.column())
                .setExpected(f.expected()).setActual(f.actual())
                .setMessageZh(f.messageZh()).setMessageEn(f.messageEn())
                .setAt(Instant.now())
                .build();
    }

    public static RecordHeaders headers(ParsedReport r, Finding f, String action) {
        RecordHeaders h = new RecordHeaders();
        h.add(HEADER_RULE, bytes(f.rule()));
        h.add(HEADER_SEVERITY, bytes(f.severity().id()));
        h.add(HEADER_ACTION, bytes(action));
        if (r.province() != null) h.add(HEADER_PROVINCE, bytes(r.province()));
        if (r.issuer() != null) h.add(HEADER_ISSUER, bytes(r.issuer()));
        return h;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
