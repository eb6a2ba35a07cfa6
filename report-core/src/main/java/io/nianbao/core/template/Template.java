package io.nianbao.core.template;

/** The two official table templates: 国办公开办函〔2019〕60号 and 国办公开办函〔2021〕30号. */
public enum Template {
    T2019("2019"),
    T2021("2021");

    private final String id;

    Template(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The template a report of this year should use: 2019 for report years 2019–2020, 2021 after. */
    public static Template expectedFor(int reportYear) {
        return reportYear >= 2021 ? T2021 : T2019;
    }

    public static Template fromId(String id) {
        if (id == null) return null;
        for (Template t : values()) if (t.id.equals(id)) return t;
        throw new IllegalArgumentException("unknown template " + id);
    }
}
