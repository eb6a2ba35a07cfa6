package io.nianbao.core.validate.rules;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;

/** REPORT_YEAR_MISSING, ISSUER_MISSING, PROVINCE_MISSING, SECTION_MISSING, and info when a hint filled a field. */
public final class MetadataRules implements Rule {

    @Override
    public void check(ParsedReport r, Findings findings) {
        if (r.reportYear() == null) {
            findings.add("REPORT_YEAR_MISSING", Severity.WARNING, "metadata", "reportYear", null, "a report year", "none",
                    "报告未写明年度（标题、正文及统计期间均无）", "The report states no report year (not in the title, the body or the statistics period)");
        }
        if (r.issuer() == null) {
            findings.add("ISSUER_MISSING", Severity.WARNING, "metadata", "issuer", null, "an issuing organ", "none",
                    "无法识别发布机关", "The issuing organ could not be read");
        }
        if (r.province() == null) {
            findings.add("PROVINCE_MISSING", Severity.WARNING, "metadata", "province", null, "a province", "none",
                    "无法识别所属省份", "The province could not be read from the issuer or the text");
        }
        for (String field : r.hintedFields()) {
            findings.add("METADATA_FROM_HINT", Severity.INFO, "metadata", field, null, null, null,
                    field + " 取自提交时的提示，正文未写明", field + " comes from the hint given at ingest, not from the text");
        }
        section(r.activeDisclosure().isEmpty(), "activeDisclosure", "二、主动公开政府信息情况", findings);
        section(r.applications().isEmpty(), "applications", "三、收到和处理政府信息公开申请情况", findings);
        section(r.reviewLitigation().isEmpty(), "reviewLitigation", "四、政府信息公开行政复议、行政诉讼情况", findings);
    }

    private static void section(boolean missing, String id, String label, Findings findings) {
        if (!missing) return;
        findings.add("SECTION_MISSING", Severity.WARNING, id, null, null, "the table", "none",
                "未找到表格：" + label, "The table of section " + id + " was not found");
    }
}
