package io.nianbao.core.score;

/** The fields a manifest can state, with the parse they are compared to. */
public enum Field {
    ISSUER("issuer"),
    REGION("region"),
    PROVINCE("province"),
    REPORT_YEAR("report_year"),
    TEMPLATE("template"),
    NEW_RECEIVED("new_received_total", "applications", "newReceived"),
    CARRIED_OVER("carried_over_total", "applications", "carriedOver"),
    GRANTED("granted_total", "applications", "results.granted"),
    RESULTS_TOTAL("results_total", "applications", "results.total"),
    CARRIED_FORWARD("carried_forward_total", "applications", "carriedForward"),
    REVIEW("review_total", "reviewLitigation", "administrativeReview"),
    LITIGATION_DIRECT("litigation_direct_total", "reviewLitigation", "litigationDirect"),
    LITIGATION_AFTER_REVIEW("litigation_after_review_total", "reviewLitigation", "litigationAfterReview");

    private final String key;
    private final String section;
    private final String row;

    Field(String key) {
        this(key, null, null);
    }

    Field(String key, String section, String row) {
        this.key = key;
        this.section = section;
        this.row = row;
    }

    /** The manifest's name for the field. */
    public String key() {
        return key;
    }

    /** For a table figure: the section and row whose 总计 cell it is; null for metadata. */
    public String section() {
        return section;
    }

    public String row() {
        return row;
    }

    public boolean isFigure() {
        return section != null;
    }
}
