package io.nianbao.core.document;

import java.util.List;

/**
 * The text of a document, ready for the report parser: for PDF and Word, one line per table row (the
 * row's label, then its cells after TABs) and the narrative as lines.
 *
 * @param format what the document was (HTML text is still HTML here)
 * @param warnings {@code CODE: message} strings about what could not be read cleanly
 * @param pages the number of pages (PDF), or 0 when the format has no pages
 */
public record DocumentText(String text, DocumentFormat format, List<String> warnings, int pages) {
    public DocumentText {
        warnings = List.copyOf(warnings);
    }
}
