package io.nianbao.core.document;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import io.nianbao.core.normalise.StrictDecoding;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bytes to text that trusts the declared charset when the bytes agree with it, finds the real charset
 * (ICU's detector) when they clearly do not, accepts a text with a few damaged bytes (replaced by
 * U+FFFD, with a warning naming where), and refuses only what is not text.
 */
public final class TextDecoding {

    /** The share of damaged bytes a text may have and still be read (with replacement characters). */
    static final double MAX_INVALID_SHARE = 0.02;
    /** The share of control characters (other than TAB, CR, LF, FF) past which decoded bytes are not text. */
    static final double MAX_CONTROL_SHARE = 0.02;

    private static final List<Charset> FALLBACKS = List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"), Charset.forName("Big5"));

    private TextDecoding() {
    }

    /** The decoded text, the charset it was read with, and warnings ({@code CODE: message}). */
    public record Decoded(String text, Charset charset, List<String> warnings) {
        public Decoded {
            warnings = List.copyOf(warnings);
        }
    }

    /** The charset a declared name stands for; null for a blank name; an exception for an unknown one. */
    public static Charset charset(String declared) throws UnsupportedCharsetException {
        if (declared == null || declared.isBlank()) return null;
        String name = declared.strip().replace("\"", "");
        // GB2312 and GBK are subsets of GB18030; publishers declare the older names for GB18030 bytes
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("gb2312") || lower.equals("gbk") || lower.equals("x-gbk") || lower.equals("cp936")) return Charset.forName("GB18030");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException e) {
            throw new UnsupportedCharsetException(name);
        }
    }

    /**
     * Decodes a body. The declared charset (null: unknown) is tried strictly first; when it fails, or
     * when the bytes are valid UTF-8 that a non-UTF-8 declaration would misread, the charset the bytes
     * show is used with a {@code CHARSET_DETECTED} warning; a few damaged bytes are replaced with a
     * {@code DECODING_REPLACED} warning.
     *
     * @throws UnreadableDocumentException when the bytes are not text (NUL bytes, control characters, mostly undecodable)
     */
    public static Decoded decode(byte[] body, Charset declared) throws UnreadableDocumentException {
        List<String> warnings = new ArrayList<>();
        if (body.length == 0) return new Decoded("", declared != null ? declared : StandardCharsets.UTF_8, warnings);
        Charset bom = bomCharset(body);
        if (bom != null) {
            if (declared != null && !sameFamily(declared, bom)) {
                warnings.add("CHARSET_DETECTED: declared " + declared.name() + " but the bytes start with a " + bom.name() + " byte-order mark; read as " + bom.name());
            }
            declared = bom;
        }
        boolean wide = declared != null && wide(declared);
        if (!wide) {
            int nul = 0;
            for (byte b : body) if (b == 0) nul++;
            if (nul > 0) {
                throw new UnreadableDocumentException("not text: the body holds " + nul + " NUL byte" + (nul > 1 ? "s" : "") + " (binary data)");
            }
        }
        // 1. the declared charset, strictly; with none declared, UTF-8, else GB18030 or Big5 (the one ICU prefers)
        if (declared == null) {
            try {
                return checked(new Decoded(StrictDecoding.decode(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, warnings));
            } catch (CharacterCodingException e) {
                // not UTF-8
            }
            Decoded best = null;
            int bestConfidence = -1;
            for (Candidate c : candidates(body, null)) {
                if (c.charset.equals(StandardCharsets.UTF_8) || c.confidence <= bestConfidence) continue;
                try {
                    best = new Decoded(StrictDecoding.decode(body, c.charset), c.charset, warnings);
                    bestConfidence = c.confidence;
                } catch (CharacterCodingException e) {
                    // next
                }
            }
            if (best != null) return checked(best);
        }
        if (declared != null) {
            try {
                String text = StrictDecoding.decode(body, declared);
                if (!declared.equals(StandardCharsets.UTF_8) && !wide && bom == null && isRichUtf8(body)) {
                    warnings.add("CHARSET_DETECTED: declared " + declared.name() + " but the bytes are valid UTF-8 with non-ASCII text; read as UTF-8");
                    return checked(new Decoded(StrictDecoding.decode(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, warnings));
                }
                return checked(new Decoded(text, declared, warnings));
            } catch (CharacterCodingException e) {
                // the declaration does not fit the bytes: find what does
            }
        }
        List<Candidate> candidates = candidates(body, declared);
        // 2. a charset ICU is confident of that reads the bytes without error
        for (Candidate c : candidates) {
            if (c.charset.equals(declared) || c.confidence < 50) continue;
            Decoded d = strict(body, c, declared, warnings);
            if (d != null) return checked(d);
        }
        // 3. the declared charset (or ICU's first guess when none is declared) with a few damaged bytes replaced
        Charset trusted = declared != null ? declared : candidates.stream().filter(c -> c.confidence > 0).map(Candidate::charset).findFirst().orElse(null);
        if (trusted != null) {
            Lenient l = lenient(body, trusted);
            if (l.invalid <= MAX_INVALID_SHARE * body.length) return checked(replaced(l, declared, warnings));
        }
        // 4. the declaration is clearly wrong: any charset that reads the bytes without error, ICU's guesses first
        for (Candidate c : candidates) {
            if (c.charset.equals(declared)) continue;
            Decoded d = strict(body, c, declared, warnings);
            if (d != null) return checked(d);
        }
        // 5. the charset with the fewest damaged bytes, if they are few
        Lenient best = null;
        for (Candidate c : candidates) {
            Lenient l = lenient(body, c.charset);
            if (best == null || l.invalid < best.invalid) best = l;
        }
        if (best == null || best.invalid > MAX_INVALID_SHARE * body.length) {
            throw new UnreadableDocumentException("not text: " + (best == null ? "no charset reads it" : best.invalid + " of " + body.length
                    + " bytes are invalid even in " + best.charset.name() + ", the charset that fits best"));
        }
        return checked(replaced(best, declared, warnings));
    }

    private static Decoded strict(byte[] body, Candidate c, Charset declared, List<String> warnings) {
        try {
            String text = StrictDecoding.decode(body, c.charset);
            if (declared != null) {
                warnings.add("CHARSET_DETECTED: declared " + declared.name() + " does not fit the bytes; read as " + c.charset.name()
                        + (c.confidence > 0 ? " (ICU confidence " + c.confidence + ")" : ""));
            }
            return new Decoded(text, c.charset, warnings);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Decoded replaced(Lenient l, Charset declared, List<String> warnings) {
        if (declared != null && !l.charset.equals(declared)) {
            warnings.add("CHARSET_DETECTED: declared " + declared.name() + " does not fit the bytes; read as " + l.charset.name());
        }
        if (l.invalid > 0) {
            warnings.add("DECODING_REPLACED: " + l.invalid + " invalid byte" + (l.invalid > 1 ? "s" : "") + " replaced (first at line "
                    + l.firstLine + ", byte " + l.firstOffset + ") in " + l.charset.name());
        }
        return new Decoded(l.text, l.charset, warnings);
    }

    /** Refuses decoded bytes that are mostly control characters: binary that happened to decode. */
    private static Decoded checked(Decoded d) throws UnreadableDocumentException {
        String t = d.text();
        int controls = 0;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' || ch >= 0x7F && ch < 0xA0) controls++;
        }
        if (controls > Math.max(2, MAX_CONTROL_SHARE * t.length())) {
            throw new UnreadableDocumentException("not text: " + controls + " of " + t.length() + " characters are control characters (binary data)");
        }
        return d;
    }

    private record Candidate(Charset charset, int confidence) {
    }

    private static List<Candidate> candidates(byte[] body, Charset declared) {
        Set<Charset> seen = new LinkedHashSet<>();
        List<Candidate> out = new ArrayList<>();
        if (declared != null && seen.add(declared)) out.add(new Candidate(declared, 100));
        try {
            CharsetDetector detector = new CharsetDetector();
            detector.setText(body);
            for (CharsetMatch m : detector.detectAll()) {
                Charset c;
                try {
                    c = charset(m.getName());
                } catch (UnsupportedCharsetException e) {
                    continue;
                }
                // a report is Chinese: single-byte charsets read any bytes at all, UTF-16 almost any, and Japanese
                // or Korean ones fit short Chinese texts by chance; ICU's guess counts among UTF-8, GB18030 and Big5
                if (c == null || !FALLBACKS.contains(c)) continue;
                if (seen.add(c)) out.add(new Candidate(c, m.getConfidence()));
            }
        } catch (RuntimeException e) {
            // ICU's detector failing leaves the usual charsets
        }
        for (Charset c : FALLBACKS) if (seen.add(c)) out.add(new Candidate(c, 0));
        return out;
    }

    private static boolean wide(Charset c) {
        String n = c.name().toUpperCase(Locale.ROOT);
        return n.startsWith("UTF-16") || n.startsWith("UTF-32");
    }

    private record Lenient(String text, Charset charset, int invalid, int firstLine, long firstOffset) {
    }

    /** Decodes with U+FFFD for each damaged byte run, counting the damaged bytes and where the first one is. */
    private static Lenient lenient(byte[] body, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(Math.max(16, (int) (body.length * (double) decoder.averageCharsPerByte()) + 16));
        int invalid = 0;
        int firstLine = 0;
        long firstOffset = -1;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                r = decoder.flush(out);
                if (r.isOverflow()) {
                    out = grow(out);
                    continue;
                }
                break;
            }
            if (r.isOverflow()) {
                out = grow(out);
                continue;
            }
            // malformed or unmappable
            if (firstOffset < 0) {
                firstOffset = in.position();
                firstLine = lineAt(out) + 1;
            }
            // a malformed sequence gives up its first byte only: the bytes after it (a newline, a digit, the
            // next character) are read again, so one damaged byte costs one character
            int skip = r.isMalformed() ? 1 : r.length();
            invalid += skip;
            in.position(in.position() + skip);
            decoder.reset();
            if (!out.hasRemaining()) out = grow(out);
            out.put('\uFFFD');
        }
        out.flip();
        return new Lenient(out.toString(), charset, invalid, firstLine, firstOffset);
    }

    private static CharBuffer grow(CharBuffer out) {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
        out.flip();
        bigger.put(out);
        return bigger;
    }

    private static int lineAt(CharBuffer out) {
        int lines = 0;
        for (int i = 0; i < out.position(); i++) if (out.get(i) == '\n') lines++;
        return lines;
    }

    private static Charset bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) return StandardCharsets.UTF_8;
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) return StandardCharsets.UTF_16LE;
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) return StandardCharsets.UTF_16BE;
        return null;
    }

    private static boolean sameFamily(Charset a, Charset b) {
        return a.equals(b) || a.name().toUpperCase(Locale.ROOT).startsWith("UTF-16") && b.name().toUpperCase(Locale.ROOT).startsWith("UTF-16");
    }

    /** Valid UTF-8 holding at least four multi-byte sequences: no GB18030 or Big5 text of a report looks like that. */
    private static boolean isRichUtf8(byte[] body) {
        int multi = 0;
        for (int i = 0; i < body.length; ) {
            int b = body[i] & 0xFF;
            int n = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
            if (n < 0 || i + n >= body.length + (n == 0 ? 1 : 0) && n > 0) return false;
            for (int k = 1; k <= n; k++) if (i + k >= body.length || (body[i + k] & 0xC0) != 0x80) return false;
            if (n > 0) multi++;
            i += n + 1;
        }
        return multi >= 4;
    }
}
