package io.nianbao.core.normalise;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.houbb.opencc4j.util.ZhConverterUtil;

/**
 * Traditional ⇄ simplified script through opencc4j, safe to call from several threads at once.
 * <p>
 * opencc4j builds its phrase trie on first use into a shared map and lets other threads use that map as
 * soon as it is not empty (double-checked locking over a map filled in place). A conversion that starts
 * while the first one is still building it misses phrases: in parse-service, whose two workers parse
 * at once, 反覆 stayed 反覆 in one report after a restart, its row "无正当理由大量反复申请" was not found and
 * its figures went missing. Here the trie is built once in the class initialiser, which the JVM runs to
 * its end before any thread can call in; every use of opencc4j in the project goes through this class.
 */
public final class ChineseScript {

    static {
        ZhConverterUtil.toSimple("反覆");
        ZhConverterUtil.toTraditional("反复");
    }

    private ChineseScript() {
    }

    /**
     * Line by line, which gives what opencc4j gives for the whole text (its phrases never span a line
     * break: checked on the corpus and on generated reports, {@code ChineseScriptTest}), but lets the
     * lines of the template (labels, headings, table rows: the same in report after report) be converted
     * once and remembered, and lines without a CJK character be left alone. opencc4j took a quarter of
     * the parser's time on a mix of simplified and traditional reports.
     * <p>
     * Within a line, the pieces between ASCII characters are converted one by one: opencc4j matches its
     * phrases within runs of CJK ideographs (U+4E00–U+9FA5), which a split at an ASCII character leaves whole;
     * outside them it looks a run of letters and digits up as a whole (one that may mix ASCII with, say,
     * full-width digits) before converting it character by character, and its traditional-to-simplified
     * phrases are made of those ideographs only (no phrase of any of its tables holds an ASCII character),
     * so such a lookup finds nothing whether or not the run is split ({@code ChineseScriptTest} checks the
     * tables). A table row's label is then remembered once, whatever figures and separators follow it, and
     * a flattened table (one long line) is converted label by label.
     */
    public static String toSimplified(String text) {
        if (text.indexOf('\n') < 0) return line(text);
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int end = text.indexOf('\n', from);
            out.append(line(text.substring(from, end < 0 ? text.length() : end)));
            if (end < 0) return out.toString();
            out.append('\n');
            from = end + 1;
        }
    }

    /** Pieces this long or shorter are remembered: labels and rows, not narrative paragraphs. */
    private static final int REMEMBERED_LENGTH = 80;
    // evictions on the calling thread: no common-pool threads for a pure function's memo
    private static final Cache<String, String> REMEMBERED = Caffeine.newBuilder().maximumSize(20_000).executor(Runnable::run).build();

    private static String line(String line) {
        if (!hasCjk(line)) return line;
        StringBuilder out = null;
        int from = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) >= 128) continue;
            if (out == null) out = new StringBuilder(line.length());
            if (i > from) out.append(piece(line.substring(from, i)));
            out.append(line.charAt(i));
            from = i + 1;
        }
        if (out == null) return piece(line);
        if (from < line.length()) out.append(piece(line.substring(from)));
        return out.toString();
    }

    /** A piece of a line without ASCII characters. */
    private static String piece(String piece) {
        if (!hasCjk(piece)) return piece;
        if (piece.length() > REMEMBERED_LENGTH) return ZhConverterUtil.toSimple(piece);
        return REMEMBERED.get(piece, ZhConverterUtil::toSimple);
    }

    /** Any character from the CJK radicals (U+2E80) up: below that opencc4j has nothing to convert. */
    private static boolean hasCjk(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) >= '\u2E80') return true;
        }
        return false;
    }

    public static String toTraditional(String text) {
        return ZhConverterUtil.toTraditional(text);
    }

    /** Whether the character is written this way in traditional script. */
    public static boolean isTraditional(char c) {
        return ZhConverterUtil.isTraditional(c);
    }

    /** Whether the character is written this way in simplified script. */
    public static boolean isSimplified(char c) {
        return ZhConverterUtil.isSimple(c);
    }
}
