package io.nianbao.aggregate.issues;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.core.json.ReportJson;

/** A validation issue as the dashboard shows it, on load and on the live feed alike. */
public final class IssueJson {

    private IssueJson() {
    }

    public static ObjectNode of(ValidationIssueRecord i) {
        ObjectNode o = ReportJson.MAPPER.createObjectNode();
        o.put("findingId", i.getFindingId());
        o.put("action", i.getAction());
        o.put("severity", i.getSeverity());
        o.put("rule", i.getRule());
        o.put("province", i.getProvince());
        o.put("issuer", i.getIssuer());
        if (i.getReportYear() == null) o.putNull("reportYear");
        else o.put("reportYear", i.getReportYear());
        o.put("section", i.getSection());
        o.put("row", i.getRow());
        o.put("column", i.getColumn());
        o.put("expected", i.getExpected());
        o.put("actual", i.getActual());
        o.put("messageZh", i.getMessageZh());
        o.put("messageEn", i.getMessageEn());
        o.put("at", i.getAt().toString());
        return o;
    }
}
