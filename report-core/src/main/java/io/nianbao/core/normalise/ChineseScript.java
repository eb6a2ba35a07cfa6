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

    /** Lines this long or shorter are remembered: labels and rows, not narrative paragraphs. */
    private static final int REMEMBERED_LINE_LENGTH = 80;
    // evictions on the calling thread: no common-pool threads for a pure function's memo
    private static final Cache<String, String> REMEMBERED = Caffeine.newBuilder().maximumSize(20_000).executor(Runnable::run).build();

    private static String line(String line) {
        if (!hasCjk(line)) return line;
        if (line.length() > REMEMBERED_LINE_LENGTH) return ZhConverterUtil.toSimple(line);
        return REMEMBERED.get(line, ZhConverterUtil::toSimple);
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
