package io.nianbao.parse;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.document.DocumentReader;
import io.nianbao.core.document.DocumentText;
import io.nianbao.core.document.UnreadableDocumentException;
import io.nianbao.core.model.ParsedReport;
import java.nio.ByteBuffer;

/**
 * The logic behind the consumer: a raw report in, a parsed report out, or the reason it cannot be
 * parsed at all. Deterministic, so a redelivered record gives the same result.
 */
public final class ParseHandler {

    private final ReportParser parser;

    public ParseHandler(ReportParser parser) {
        this.parser = parser;
    }

    /** Input that cannot be parsed at all; the message is the reason a dead letter carries. */
    public static final class Unparseable extends Exception {
        public Unparseable(String reason) {
            super(reason);
        }
    }

    public ParsedReportRecord handle(RawReport raw) throws Unparseable {
        DocumentText document = read(raw);
        ReportHints hints = new ReportHints(raw.getSourceUrl(), raw.getPublisherHint(), raw.getYearHint());
        ParsedReport parsed = parser.parse(raw.getId(), document, hints);
        if (parsed.applications().isEmpty() && parsed.activeDisclosure().isEmpty() && parsed.reviewLitigation().isEmpty()) {
            throw new Unparseable("no table of the annual-report template (sections 二, 三, 四) was found in " + document.text().length()
                    + " characters of " + document.format().name() + (document.pages() > 0 ? " (" + document.pages() + " pages)" : ""));
        }
        return AvroMapping.toRecord(parsed, raw.getReceivedAt(), raw.getSourceUrl(), raw.getSupersedes());
    }

    /** The body through {@link DocumentReader}: text in any charset, PDF, Word; what it cannot read is Unparseable with its reason. */
    private static DocumentText read(RawReport raw) throws Unparseable {
        ByteBuffer buffer = raw.getBody().duplicate();
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        String charset = raw.getCharset();
        if (charset != null && (charset.isBlank() || charset.equalsIgnoreCase("binary"))) charset = null;
        try {
            return DocumentReader.read(body, raw.getContentType(), charset, raw.getFileName());
        } catch (UnreadableDocumentException e) {
            throw new Unparseable(e.reason());
        }
    }
}
