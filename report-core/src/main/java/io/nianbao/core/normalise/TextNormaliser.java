package io.nianbao.core.normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a report's text into the one script and shape the parser reads: pinyin annotations dropped,
 * traditional → simplified (OpenCC phrase dictionaries), full-width ASCII → half-width, spaced-out
 * labels joined, words broken across lines rejoined, markdown emphasis and page chrome removed.
 * Garbled runs are kept but reported. Line structure (TABs, pipes, blank lines) is preserved because
 * the layout readers depend on it.
 */
public final class TextNormaliser {

    /** A pinyin reading in brackets right after a Han character: 根據(jù) → 根據. */
    private static final Pattern PINYIN = Pattern.compile("(?<=\\p{IsHan})[(（]([a-zA-Zü\\u00E0-\\u00FC\\u0100-\\u017F\\u01CD-\\u01DC]{1,7})[)）]");
    private static final Pattern MARKDOWN_EMPHASIS = Pattern.compile("\\*\\*|__");
    /** Words that mark a line as the web page around the report, not the report. */
    private static final List<String> CHROME_WORDS = List.of("设为首页", "加入收藏", "当前位置:", "当前位置：", "打印此文", "打印本页", "关闭窗口",
            "ICP备", "ICP证", "公网安备", "网站标识码", "扫一扫在手机", "建设与维护:", "建设与维护：", "分辨率", "【字体", "站群导航",
            "上一篇:", "下一篇:", "上一篇：", "下一篇：", "浏览次数:", "浏览次数：");
    /** ...and words that do so at the start of a line. */
    private static final List<String> CHROME_STARTS = List.of("主办:", "主办：", "承办:", "承办：", "首页 |", "首页 >", "首页|", "首页>");
    /** Mojibake and replacement characters; a ? between Han characters is a lost character. */
    private static final Pattern GARBLED = Pattern.compile("\\uFFFD+|(?<=\\p{IsHan})\\?+|\\?+(?=\\p{IsHan})|锟斤拷|烫烫烫|[ÃÂâ][\\u0080-\\u00BF€™œ]");
    private static final Pattern SENTENCE_END = Pattern.compile("[。！？；;:：!?）)”\\]】》]$");

    public record Result(String text, boolean convertedFromTraditional, List<String> warnings) {
    }

    public Result normalise(String input) {
        List<String> warnings = new ArrayList<>();
        String text = input.replace("\r\n", "\n").replace('\r', '\n').replace("\uFEFF", "");
        if (mayHavePinyin(text)) text = PINYIN.matcher(text).replaceAll("");
        boolean traditional = looksTraditional(text);
        if (traditional) text = ChineseScript.toSimplified(text);
        text = toHalfWidth(text);
        // the regex tries both alternatives at every position of the text; most texts have neither
        if (text.contains("**") || text.contains("__")) text = MARKDOWN_EMPHASIS.matcher(text).replaceAll("");
        String[] lines = text.split("\n", -1);
        List<String> kept = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = joinSpacedHan(lines[i]);
            // chrome lines are short; a long line is the report's own text
            if (line.length() < 160 && isChrome(line)) continue;
            Matcher garbled = mayBeGarbled(line) ? GARBLED.matcher(line) : null;
            if (garbled != null && garbled.find()) {
                int from = Math.max(0, garbled.start() - 8);
                int to = Math.min(line.length(), garbled.end() + 8);
                warnings.add("GARBLED_TEXT: line " + (i + 1) + " has garbled characters near \"" + line.substring(from, to).strip() + "\"");
            }
            kept.add(line);
        }
        return new Result(String.join("\n", rejoinBrokenWords(kept)), traditional, warnings);
    }

    /**
     * A narrative line cut inside a word (公开平 / 台建设) is joined with the next non-blank line. Only
     * long plain lines qualify, so table cells (short, or with TABs and pipes) are never merged.
     */
    private static List<String> rejoinBrokenWords(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.length() >= 20 && isPlain(line) && endsWithHan(trimmed) && !SENTENCE_END.matcher(trimmed).find()) {
                int next = i + 1;
                while (next < lines.size() && lines.get(next).isBlank() && next - i <= 2) next++;
                if (next < lines.size() && isPlain(lines.get(next)) && startsWithHan(lines.get(next).strip())) {
                    out.add(line.stripTrailing() + lines.get(next).strip());
                    i = next;
                    continue;
                }
            }
            out.add(line);
        }
        return out;
    }

    /** Drops runs of 1–3 spaces between two Han characters (结 果 纠 正 → 结果纠正); TABs stay. */
    static String joinSpacedHan(String line) {
        if (line.indexOf(' ') < 0) return line;
        StringBuilder sb = null;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == ' ' && i > 0 && isHan(line.charAt(i - 1))) {
                int j = i;
                while (j < n && line.charAt(j) == ' ') j++;
                if (j - i <= 3 && j < n && isHan(line.charAt(j))) {
                    if (sb == null) sb = new StringBuilder(n).append(line, 0, i);
                    i = j - 1;
                    continue;
                }
            }
            if (sb != null) sb.append(c);
        }
        return sb == null ? line : sb.toString();
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** CHROME_WORDS by their first character, so a line is scanned once. */
    private static final String[][] CHROME_BY_FIRST = new String[Character.MAX_VALUE + 1][];

    static {
        for (String w : CHROME_WORDS) {
            String[] old = CHROME_BY_FIRST[w.charAt(0)];
            String[] words = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            words[words.length - 1] = w;
            CHROME_BY_FIRST[w.charAt(0)] = words;
        }
    }

    static boolean isChrome(String line) {
        for (int i = 0; i < line.length(); i++) {
            String[] words = CHROME_BY_FIRST[line.charAt(i)];
            if (words == null) continue;
            for (String w : words) if (line.startsWith(w, i)) return true;
        }
        int start = 0;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) start++;
        for (String w : CHROME_STARTS) if (line.startsWith(w, start)) return true;
        if (!line.startsWith("附件", start)) return false;
        String s = line.strip();
        return s.equals("附件:") || s.equals("附件：") || s.equals("附件");
    }

    /** Cheap pre-check: a bracket right before a lower-case Latin letter somewhere in the text. */
    private static boolean mayHavePinyin(String text) {
        for (int i = text.indexOf('('); i >= 0 && i + 1 < text.length(); i = text.indexOf('(', i + 1)) {
            if (Character.isLowerCase(text.charAt(i + 1))) return true;
        }
        for (int i = text.indexOf('（'); i >= 0 && i + 1 < text.length(); i = text.indexOf('（', i + 1)) {
            if (Character.isLowerCase(text.charAt(i + 1))) return true;
        }
        return false;
    }

    /** Cheap pre-check for the characters every garbled pattern contains. */
    private static boolean mayBeGarbled(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '?' || c == '\uFFFD' || c == '锟' || c == '烫' || c == 'Ã' || c == 'Â' || c == 'â') return true;
        }
        return false;
    }

    private static boolean isPlain(String line) {
        return line.indexOf('\t') < 0 && line.indexOf('|') < 0 && !line.startsWith("  ");
    }

    private static boolean endsWithHan(String s) {
        return !s.isEmpty() && Character.UnicodeScript.of(s.codePointBefore(s.length())) == Character.UnicodeScript.HAN;
    }

    private static boolean startsWithHan(String s) {
        return !s.isEmpty() && Character.UnicodeScript.of(s.codePointAt(0)) == Character.UnicodeScript.HAN;
    }

    /** Full-width ASCII (U+FF01–FF5E) and the ideographic space to ASCII; nothing else (①, ⑴, Ⅲ stay). */
    static String toHalfWidth(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char mapped = c;
            if (c >= '\uFF01' && c <= '\uFF5E') mapped = (char) (c - 0xFEE0);
            else if (c == '\u3000') mapped = ' ';
            if (mapped != c && sb == null) sb = new StringBuilder(s.length()).append(s, 0, i);
            if (sb != null) sb.append(mapped);
        }
        return sb == null ? s : sb.toString();
    }

    /** Cheap check on a prefix: enough characters that exist only in traditional script. */
    static boolean looksTraditional(String text) {
        int limit = Math.min(text.length(), 4000);
        int count = 0;
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c >= '\u4E00' && c <= '\u9FFF' && TraditionalOnly.SET.get(c - '\u4E00') && ++count >= 5) return true;
        }
        return false;
    }

    /** The CJK characters that exist only in traditional script, worked out once from OpenCC's tables. */
    private static final class TraditionalOnly {
        static final java.util.BitSet SET = new java.util.BitSet(0x9FFF - 0x4E00 + 1);

        static {
            for (char c = '\u4E00'; c <= '\u9FFF'; c++) {
                if (ChineseScript.isTraditional(c) && !ChineseScript.isSimplified(c)) SET.set(c - '\u4E00');
            }
        }
    }
}
