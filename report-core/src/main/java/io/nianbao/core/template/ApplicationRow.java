package io.nianbao.core.template;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of section 三 (收到和处理政府信息公开申请情况), in table order, with their canonical path, the
 * label the template prints, the group heading printed before the first row of a group, and the
 * label keys ({@link LabelKey}) seen in the wild.
 */
public enum ApplicationRow {
    NEW_RECEIVED("newReceived", "一、本年新收政府信息公开申请数量", null, Kind.INPUT, false, "本年新收政府信息公开申请数量", "本年新收政府信息公开申请数"),
    CARRIED_OVER("carriedOver", "二、上年结转政府信息公开申请数量", null, Kind.INPUT, false, "上年结转政府信息公开申请数量", "上年结转政府信息公开申请数"),
    GRANTED("results.granted", "（一）予以公开", "三、本年度办理结果", Kind.RESULT, false, "予以公开"),
    PARTIALLY_GRANTED("results.partiallyGranted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", null, Kind.RESULT, false, "部分公开"),
    STATE_SECRET("results.withheld.stateSecret", "1.属于国家秘密", "（三）不予公开", Kind.RESULT, false, "属于国家秘密"),
    LAW_PROHIBITED("results.withheld.lawProhibited", "2.其他法律行政法规禁止公开", null, Kind.RESULT, false, "其他法律行政法规禁止公开"),
    SAFETY_STABILITY("results.withheld.safetyStability", "3.危及“三安全一稳定”", null, Kind.RESULT, false, "危及三安全一稳定"),
    THIRD_PARTY_RIGHTS("results.withheld.thirdPartyRights", "4.保护第三方合法权益", null, Kind.RESULT, false, "保护第三方合法权益"),
    INTERNAL_AFFAIRS("results.withheld.internalAffairs", "5.属于三类内部事务信息", null, Kind.RESULT, false, "属于三类内部事务信息"),
    PROCESS_INFORMATION("results.withheld.processInformation", "6.属于四类过程性信息", null, Kind.RESULT, false, "属于四类过程性信息"),
    ENFORCEMENT_FILES("results.withheld.enforcementFiles", "7.属于行政执法案卷", null, Kind.RESULT, false, "属于行政执法案卷"),
    ADMINISTRATIVE_QUERY("results.withheld.administrativeQuery", "8.属于行政查询事项", null, Kind.RESULT, false, "属于行政查询事项"),
    NOT_HELD("results.unavailable.notHeld", "1.本机关不掌握相关政府信息", "（四）无法提供", Kind.RESULT, false, "本机关不掌握相关政府信息"),
    NEEDS_CREATION("results.unavailable.needsCreation", "2.没有现成信息需要另行制作", null, Kind.RESULT, false, "没有现成信息需要另行制作"),
    UNCLEAR_AFTER_CORRECTION("results.unavailable.unclearAfterCorrection", "3.补正后申请内容仍不明确", null, Kind.RESULT, false, "补正后申请内容仍不明确"),
    PETITION_COMPLAINT("results.notProcessed.petitionComplaint", "1.信访举报投诉类申请", "（五）不予处理", Kind.RESULT, false, "信访举报投诉类申请"),
    DUPLICATE("results.notProcessed.duplicate", "2.重复申请", null, Kind.RESULT, false, "重复申请"),
    PUBLICATION("results.notProcessed.publication", "3.要求提供公开出版物", null, Kind.RESULT, false, "要求提供公开出版物"),
    EXCESSIVE("results.notProcessed.excessive", "4.无正当理由大量反复申请", null, Kind.RESULT, false, "无正当理由大量反复申请"),
    CONFIRMATION("results.notProcessed.confirmation", "5.要求行政机关确认或重新出具已获取信息", null, Kind.RESULT, false, "要求行政机关确认或重新出具已获取信息"),
    /** 2019: one data row. 2021: the heading of the three sub-rows below, its value their sum. */
    OTHER_DISPOSAL("results.otherDisposal", "（六）其他处理", null, Kind.RESULT, false, "其他处理"),
    OVERDUE_CORRECTION("results.otherDisposal.overdueCorrection", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", null, Kind.OTHER_SUB_ROW, false, "申请人无正当理由逾期不补正"),
    UNPAID_FEE("results.otherDisposal.unpaidFee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", null, Kind.OTHER_SUB_ROW, false, "申请人逾期未按收费通知要求缴纳费用"),
    OTHER_REASONS("results.otherDisposal.otherReasons", "3.其他", null, Kind.OTHER_SUB_ROW, true, "其他"),
    RESULTS_TOTAL("results.total", "（七）总计", null, Kind.RESULTS_TOTAL, true, "总计"),
    CARRIED_FORWARD("carriedForward", "四、结转下年度继续办理", null, Kind.OUTPUT, false, "结转下年度继续办理", "结转下年度继续办理申请数量");

    /** What a row is in the table's arithmetic. */
    public enum Kind { INPUT, RESULT, OTHER_SUB_ROW, RESULTS_TOTAL, OUTPUT }

    /** Group headings that may stand in the same cell before a row label (三、本年度办理结果（一）予以公开). */
    public static final List<String> GROUP_KEYS = List.of("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理");

    private final String path;
    private final String label;
    private final String groupLabel;
    private final Kind kind;
    private final boolean needsNumbering;
    private final List<String> keys;

    ApplicationRow(String path, String label, String groupLabel, Kind kind, boolean needsNumbering, String... keys) {
        this.path = path;
        this.label = label;
        this.groupLabel = groupLabel;
        this.kind = kind;
        this.needsNumbering = needsNumbering;
        this.keys = List.of(keys);
    }

    public String path() {
        return path;
    }

    public String label() {
        return label;
    }

    /** The heading printed before this row when it opens a group, or null. */
    public String groupLabel() {
        return groupLabel;
    }

    public Kind kind() {
        return kind;
    }

    /** Rows whose bare label is ambiguous (总计, 其他 are also column headers) need their numbering. */
    public boolean needsNumbering() {
        return needsNumbering;
    }

    public List<String> keys() {
        return keys;
    }

    public boolean isOtherSubRow() {
        return kind == Kind.OTHER_SUB_ROW;
    }

    /** The rows a template prints, in order. */
    public static List<ApplicationRow> rowsOf(Template template) {
        List<ApplicationRow> rows = new ArrayList<>();
        for (ApplicationRow row : values()) {
            if (row.isOtherSubRow() && template != Template.T2021) continue;
            rows.add(row);
        }
        return rows;
    }

    /** Result rows summed by APP_RESULTS_SUM: granted … otherDisposal (not the 2021 sub-rows). */
    public static List<ApplicationRow> resultRows() {
        List<ApplicationRow> rows = new ArrayList<>();
        for (ApplicationRow row : values()) if (row.kind == Kind.RESULT) rows.add(row);
        return rows;
    }

    public static final Set<ApplicationRow> OTHER_SUB_ROWS = EnumSet.of(OVERDUE_CORRECTION, UNPAID_FEE, OTHER_REASONS);

    public static ApplicationRow byPath(String path) {
        for (ApplicationRow row : values()) if (row.path.equals(path)) return row;
        return null;
    }
}
