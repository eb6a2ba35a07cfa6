package io.nianbao.core.template;

import java.util.List;

/** The three blocks of section 四, five columns each. */
public enum ReviewBlock {
    ADMINISTRATIVE_REVIEW("administrativeReview", "行政复议", "REVIEW_SUM"),
    LITIGATION_DIRECT("litigationDirect", "未经复议直接起诉", "LITIGATION_SUM"),
    LITIGATION_AFTER_REVIEW("litigationAfterReview", "复议后起诉", "LITIGATION_SUM");

    public static final List<ReviewBlock> ALL = List.of(values());

    private final String id;
    private final String label;
    private final String sumRule;

    ReviewBlock(String id, String label, String sumRule) {
        this.id = id;
        this.label = label;
        this.sumRule = sumRule;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The rule id that checks this block's sum. */
    public String sumRule() {
        return sumRule;
    }

    public enum Column {
        UPHELD("upheld", "结果维持"),
        CORRECTED("corrected", "结果纠正"),
        OTHER("other", "其他结果"),
        PENDING("pending", "尚未审结"),
        TOTAL("total", "总计");

        public static final List<Column> ALL = List.of(values());
        public static final List<Column> PARTS = ALL.subList(0, 4);

        private final String id;
        private final String label;

        Column(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }
    }
}
