package io.nianbao.ingest;

import io.nianbao.core.document.DocumentFormat;
import io.nianbao.core.document.TextDecoding;
import io.nianbao.core.document.UnreadableDocumentException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of what ingest accepts, with no transport in sight: a non-empty body within the size limit
 * that is a PDF or Word document (by its media type or, for application/octet-stream, by its magic
 * bytes), or text in the charset the Content-Type names. Text whose declared charset is clearly wrong
 * is read in the one its bytes show, and text with a few damaged bytes is accepted with a warning;
 * only what is not text is refused. The id is a hash of the bytes, so the same bytes always get the
 * same id; documents and text are published unchanged.
 */
public final class ReportIntake {

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    /** The charset recorded on reports.raw for a PDF or Word body, which is bytes, not text. */
    public static final String BINARY = "binary";

    private final long maxBytes;

    public ReportIntake(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Why a body is refused, with the HTTP status that says it. */
    public static final class Rejection extends Exception {
        private final int status;

        public Rejection(int status, String reason) {
            super(reason);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * @param charset the charset a text was read with; null for a PDF or Word document
     * @param text the decoded text; null for a PDF or Word document
     * @param warnings what decoding noticed ({@code CHARSET_DETECTED: …}, {@code DECODING_REPLACED: …})
     */
    public record Accepted(String id, String mediaType, DocumentFormat format, Charset charset, String text, List<String> warnings) {
        public Accepted {
            warnings = List.copyOf(warnings);
        }

        /** The charset as recorded on reports.raw: its name, or {@value #BINARY} for a document. */
        public String charsetName() {
            return charset == null ? BINARY : charset.name();
        }
    }

    public Accepted accept(byte[] body, String contentType) throws Rejection {
        if (body == null || body.length == 0) throw new Rejection(400, "the body is empty: send the report's text, HTML, PDF or Word file");
        if (body.length > maxBytes) {
            throw new Rejection(413, "the body has " + body.length + " bytes, over the limit of " + maxBytes + " (nianbao.ingest.max-bytes)");
        }
        String mediaType = mediaType(contentType);
        DocumentFormat magic = DocumentFormat.fromMagic(body);
        DocumentFormat declared = DocumentFormat.fromContentType(mediaType);
        if (declared == DocumentFormat.PDF || declared == DocumentFormat.DOCX || declared == DocumentFormat.DOC) {
            if (magic != declared) {
                throw new Rejection(400, "the Content-Type says " + mediaType + " but the bytes are " + (magic == null ? "not a " + name(declared) : "a " + name(magic))
                        + " (the first bytes do not match)");
            }
            return document(body, magic);
        }
        // a document sent as application/octet-stream, or labelled as text, is what its magic bytes say
        if (magic != null) return document(body, magic);
        Charset named = charset(contentType);
        try {
            TextDecoding.Decoded d = TextDecoding.decode(body, named);
            String textType = mediaType.equals("application/octet-stream") ? "text/plain" : mediaType;
            return new Accepted(id(body), textType, declared == DocumentFormat.HTML ? DocumentFormat.HTML : DocumentFormat.TEXT, d.charset(), d.text(), d.warnings());
        } catch (UnreadableDocumentException e) {
            throw new Rejection(400, "the body is " + e.reason() + (named != null ? " (declared " + named.name() + ")" : ""));
        }
    }

    private static Accepted document(byte[] body, DocumentFormat format) {
        return new Accepted(id(body), format.mediaType(), format, null, null, List.of());
    }

    private static String name(DocumentFormat f) {
        return switch (f) {
            case PDF -> "PDF";
            case DOCX -> "Word (.docx) document";
            case DOC -> "Word 97-2003 (.doc) document";
            case HTML -> "HTML page";
            case TEXT -> "text";
        };
    }

    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) return "text/plain";
        return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    public static Charset charset(String contentType) throws Rejection {
        if (contentType == null) return null;
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) return null;
        String name = m.group(1);
        try {
            // GBK and GB2312 text is valid GB18030, which also covers what GBK lacks
            return TextDecoding.charset(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new Rejection(415, "unknown charset '" + name + "'; use UTF-8, GB18030, GBK or Big5");
        }
    }

    public static String id(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
