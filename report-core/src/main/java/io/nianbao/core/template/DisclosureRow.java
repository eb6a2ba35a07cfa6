package io.nianbao.core.template;

import static io.nianbao.core.template.DisclosureColumn.*;

import java.util.ArrayList;
import java.util.List;

/** The rows of section 二, the block (第二十条第（X）项) each stands in, and its columns per template. */
public enum DisclosureRow {
    REGULATIONS("regulations", "规章", "第二十条第（一）项",
            List.of(NEWLY_MADE, NEWLY_PUBLISHED, TOTAL_PUBLISHED), List.of(ISSUED, REPEALED, IN_FORCE), "规章"),
    NORMATIVE_DOCUMENTS("normativeDocuments", "规范性文件", "第二十条第（一）项",
            List.of(NEWLY_MADE, NEWLY_PUBLISHED, TOTAL_PUBLISHED), List.of(ISSUED, REPEALED, IN_FORCE), "规范性文件", "行政规范性文件"),
    LICENSING("licensing", "行政许可", "第二十条第（五）项",
            List.of(PREVIOUS_COUNT, CHANGE, DECISIONS), List.of(DECISIONS), "行政许可"),
    OTHER_SERVICES("otherServices", "其他对外管理服务事项", "第二十条第（五）项",
            List.of(PREVIOUS_COUNT, CHANGE, DECISIONS), List.of(), "其他对外管理服务事项"),
    PUNISHMENT("punishment", "行政处罚", "第二十条第（六）项",
            List.of(PREVIOUS_COUNT, CHANGE, DECISIONS), List.of(DECISIONS), "行政处罚"),
    COERCION("coercion", "行政强制", "第二十条第（六）项",
            List.of(PREVIOUS_COUNT, CHANGE, DECISIONS), List.of(DECISIONS), "行政强制"),
    FEES("fees", "行政事业性收费", "第二十条第（八）项",
            List.of(PREVIOUS_COUNT, CHANGE), List.of(AMOUNT_WAN), "行政事业性收费"),
    PROCUREMENT("procurement", "政府集中采购", "第二十条第（九）项",
            List.of(PROJECTS, AMOUNT_WAN), List.of(), "政府集中采购");

    /** Column headings only the 2021 template prints; they identify it. */
    public static final List<String> T2021_HEADER_KEYS = List.of("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "本年收费金额单位万元");

    private final String id;
    private final String label;
    private final String block;
    private final List<DisclosureColumn> columns2019;
    private final List<DisclosureColumn> columns2021;
    private final List<String> keys;

    DisclosureRow(String id, String label, String block, List<DisclosureColumn> columns2019,
                  List<DisclosureColumn> columns2021, String... keys) {
        this.id = id;
        this.label = label;
        this.block = block;
        this.columns2019 = columns2019;
        this.columns2021 = columns2021;
        this.keys = List.of(keys);
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String block() {
        return block;
    }

    public List<String> keys() {
        return keys;
    }

    public List<DisclosureColumn> columns(Template template) {
        return template == Template.T2021 ? columns2021 : columns2019;
    }

    public static List<DisclosureRow> rowsOf(Template template) {
        List<DisclosureRow> rows = new ArrayList<>();
        for (DisclosureRow row : values()) if (!row.columns(template).isEmpty()) rows.add(row);
        return rows;
    }

    public static DisclosureRow byId(String id) {
        for (DisclosureRow row : values()) if (row.id.equals(id)) return row;
        return null;
    }
}
