package io.nianbao.core.template;

/** The columns of section 二 (主动公开政府信息情况) in both templates. */
public enum DisclosureColumn {
    NEWLY_MADE("newlyMade", "本年新制作数量", ValueKind.COUNT),
    NEWLY_PUBLISHED("newlyPublished", "本年新公开数量", ValueKind.COUNT),
    TOTAL_PUBLISHED("totalPublished", "对外公开总数量", ValueKind.COUNT),
    ISSUED("issued", "本年制发件数", ValueKind.COUNT),
    REPEALED("repealed", "本年废止件数", ValueKind.COUNT),
    IN_FORCE("inForce", "现行有效件数", ValueKind.COUNT),
    PREVIOUS_COUNT("previousCount", "上一年项目数量", ValueKind.COUNT),
    CHANGE("change", "本年增/减", ValueKind.SIGNED_CHANGE),
    DECISIONS("decisions", "处理决定数量", ValueKind.COUNT),
    PROJECTS("projects", "采购项目数量", ValueKind.COUNT),
    AMOUNT_WAN("amountWan", "采购总金额", ValueKind.AMOUNT_WAN);

    private final String id;
    private final String label;
    private final ValueKind kind;

    DisclosureColumn(String id, String label, ValueKind kind) {
        this.id = id;
        this.label = label;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public ValueKind kind() {
        return kind;
    }
}
