package io.nianbao.core.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The kinds of document a report arrives as. */
public enum DocumentFormat {
    TEXT("text/plain"),
    HTML("text/html"),
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    DOC("application/msword");

    private final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type a document of this format is sent with. */
    public String mediaType() {
        return mediaType;
    }

    static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    /**
     * The format of a body: its magic bytes first ({@code %PDF}, a ZIP holding {@code word/document.xml},
     * OLE2's {@code D0 CF 11 E0}), then the content type, then the file name's extension; TEXT otherwise.
     * A ZIP that is not a Word document is reported as DOCX so that reading it says why it is refused.
     */
    public static DocumentFormat detect(byte[] body, String contentType, String fileName) {
        DocumentFormat magic = fromMagic(body);
        if (magic != null) return magic;
        DocumentFormat declared = fromContentType(contentType);
        if (declared != null) return declared;
        DocumentFormat named = fromFileName(fileName);
        return named != null ? named : TEXT;
    }

    /** The format the first bytes prove, or null when they prove none. */
    public static DocumentFormat fromMagic(byte[] body) {
        if (body == null || body.length < 4) return null;
        if (isPdf(body)) return PDF;
        if (body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4) return DOCX;
        if (startsWith(body, OLE2)) return DOC;
        return null;
    }

    public static DocumentFormat fromContentType(String contentType) {
        if (contentType == null) return null;
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        if (semi >= 0) t = t.substring(0, semi);
        t = t.strip();
        return switch (t) {
            case "application/pdf", "application/x-pdf" -> PDF;
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> DOCX;
            case "application/msword", "application/vnd.ms-word" -> DOC;
            case "text/html", "application/xhtml+xml" -> HTML;
            default -> t.startsWith("text/") ? TEXT : null;
        };
    }

    public static DocumentFormat fromFileName(String fileName) {
        if (fileName == null) return null;
        String n = fileName.toLowerCase(Locale.ROOT).strip();
        if (n.endsWith(".pdf")) return PDF;
        if (n.endsWith(".docx")) return DOCX;
        if (n.endsWith(".doc")) return DOC;
        if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) return HTML;
        if (n.endsWith(".txt") || n.endsWith(".text")) return TEXT;
        return null;
    }

    /** Whether the bytes are a ZIP archive holding {@code word/document.xml} (an Office Open XML word document). */
    static boolean isWordZip(byte[] body) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("word/document.xml")) return true;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    /** {@code %PDF} at the start, or within the first 1,024 bytes as PDF readers allow. */
    private static boolean isPdf(byte[] body) {
        int limit = Math.min(body.length - 4, 1024);
        for (int i = 0; i <= limit; i++) {
            if (body[i] == '%' && body[i + 1] == 'P' && body[i + 2] == 'D' && body[i + 3] == 'F') return true;
            if (i == 0 && body[0] != '%' && !Character.isWhitespace(body[0]) && body[0] != (byte) 0xEF) return false;
        }
        return false;
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (body[i] != prefix[i]) return false;
        return true;
    }
}
