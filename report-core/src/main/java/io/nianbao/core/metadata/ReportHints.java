package io.nianbao.core.metadata;

/** What was said about a report when it was ingested; it fills only what the text does not say. */
public record ReportHints(String sourceUrl, String publisherHint, Integer yearHint) {

    public static final ReportHints NONE = new ReportHints(null, null, null);
}
