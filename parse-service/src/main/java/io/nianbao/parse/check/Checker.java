package io.nianbao.parse.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.ReportParser;
import io.nianbao.core.document.DocumentReader;
import io.nianbao.core.document.DocumentText;
import io.nianbao.core.document.UnreadableDocumentException;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import io.nianbao.core.view.ReportView;

/**
 * A publisher's report checked before it is published: read exactly as parse-service reads what ingest
 * sends (the same document reader and parser), validated by the same rules as validate-service, shown
 * as the dashboard shows a report. Nothing is kept or sent anywhere.
 */
public final class Checker {

    private final ReportParser parser = new ReportParser();
    private final RuleEngine rules = new RuleEngine();

    /**
     * @param contentType the media type as sent (its charset parameter is the declared charset), may be null
     * @throws UnreadableDocumentException when the body is no readable document (empty, a scan without text, …)
     */
    public ObjectNode check(byte[] body, String contentType, String fileName, ReportHints hints) throws UnreadableDocumentException {
        DocumentText document = DocumentReader.read(body, mediaType(contentType), charset(contentType), fileName);
        ParsedReport report = parser.parse("check", document, hints);
        ValidationResult result = rules.validate(report);
        ObjectNode view = ReportView.of(report, result.status(), result.findings());
        view.put("format", document.format().name());
        if (document.pages() > 0) view.put("pages", document.pages());
        // what the document reader said (a charset replaced, a page unreadable) before the parser's own warnings
        ArrayNode warnings = view.putArray("documentWarnings");
        document.warnings().forEach(warnings::add);
        return view;
    }

    static String mediaType(String contentType) {
        if (contentType == null) return null;
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    static String charset(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) return p.substring(8).replace("\"", "").trim();
        }
        return null;
    }
}
