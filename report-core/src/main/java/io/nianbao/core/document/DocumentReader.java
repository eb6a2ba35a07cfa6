package io.nianbao.core.document;

import java.nio.charset.Charset;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Any report body to text the report parser reads: plain text and HTML through {@link TextDecoding}
 * (declared charset first, the real one when the declaration is clearly wrong, a few damaged bytes
 * replaced), PDF through PDFBox with table rows rebuilt from glyph positions, Word through POI.
 */
public final class DocumentReader {

    private DocumentReader() {
    }

    /**
     * @param contentType the declared media type, may be null
     * @param declaredCharset the declared charset name (text bodies), may be null
     * @param fileName the file name, may be null
     * @throws UnreadableDocumentException when the body is not a readable report; the message says why
     */
    public static DocumentText read(byte[] body, String contentType, String declaredCharset, String fileName) throws UnreadableDocumentException {
        if (body == null || body.length == 0) throw new UnreadableDocumentException("the document is empty");
        DocumentFormat format = DocumentFormat.detect(body, contentType, fileName);
        return switch (format) {
            case PDF -> PdfText.read(body);
            case DOCX -> WordText.docx(body);
            case DOC -> WordText.doc(body);
            case TEXT, HTML -> text(body, format, declaredCharset, contentType);
        };
    }

    private static DocumentText text(byte[] body, DocumentFormat format, String declaredCharset, String contentType) throws UnreadableDocumentException {
        List<String> warnings = new ArrayList<>();
        Charset declared = null;
        try {
            declared = TextDecoding.charset(declaredCharset);
        } catch (UnsupportedCharsetException e) {
            warnings.add("CHARSET_UNKNOWN: declared charset " + declaredCharset + " is not known here; the charset was detected");
        }
        TextDecoding.Decoded decoded = TextDecoding.decode(body, declared);
        warnings.addAll(decoded.warnings());
        String text = decoded.text();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        if (format == DocumentFormat.TEXT && io.nianbao.core.ReportParser.looksLikeHtml(text)) format = DocumentFormat.HTML;
        return new DocumentText(text, format, warnings, 0);
    }
}
