package io.nianbao.ingest;

import io.nianbao.core.normalise.StrictDecoding;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
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
 * whose bytes decode in the charset the Content-Type names (or, when it names none, in UTF-8, then
 * GB18030). The id is a hash of the bytes, so the same bytes always get the same id.
 */
public final class ReportIntake {

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final List<Charset> GUESSES = List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"));

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

    public record Accepted(String id, String mediaType, Charset charset, String text) {
    }

    public Accepted accept(byte[] body, String contentType) throws Rejection {
        if (body == null || body.length == 0) throw new Rejection(400, "the body is empty: send the report's text or HTML");
        if (body.length > maxBytes) {
            throw new Rejection(413, "the body has " + body.length + " bytes, over the limit of " + maxBytes + " (nianbao.ingest.max-bytes)");
        }
        String mediaType = mediaType(contentType);
        Charset named = charset(contentType);
        if (named != null) return new Accepted(id(body), mediaType, named, decode(body, named));
        for (Charset guess : GUESSES) {
            try {
                return new Accepted(id(body), mediaType, guess, strictDecode(body, guess));
            } catch (CharacterCodingException e) {
                // try the next
            }
        }
        throw new Rejection(400, "the bytes are neither UTF-8 nor GB18030: name the charset in the Content-Type (e.g. text/plain; charset=Big5)");
    }

    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) return "text/plain";
        return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    static Charset charset(String contentType) throws Rejection {
        if (contentType == null) return null;
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) return null;
        String name = m.group(1);
        try {
            // GBK and GB2312 text is valid GB18030, which also covers what GBK lacks
            if (name.equalsIgnoreCase("gbk") || name.equalsIgnoreCase("gb2312")) return Charset.forName("GB18030");
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new Rejection(415, "unknown charset '" + name + "'; use UTF-8, GB18030, GBK or Big5");
        }
    }

    private static String decode(byte[] body, Charset charset) throws Rejection {
        try {
            return strictDecode(body, charset);
        } catch (CharacterCodingException e) {
            throw new Rejection(400, "the bytes do not decode as " + charset.name() + ": " + e.getMessage());
        }
    }

    private static String strictDecode(byte[] body, Charset charset) throws CharacterCodingException {
        return StrictDecoding.decode(body, charset);
    }

    public static String id(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
