package io.nianbao.core.normalise;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
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
    /** Spaces (not TABs) between two Han characters: 结 果 纠 正, 对外公开 总数量. */
    private static final Pattern SPACED_HAN = Pattern.compile("(?<=\\p{IsHan}) {1,3}(?=\\p{IsHan})");
    private static final Pattern MARKDOWN_EMPHASIS = Pattern.compile("\\*\\*|__");
    /** Lines that belong to the web page around the report, not to the report. */
    private static final Pattern CHROME = Pattern.compile(
            "设为首页|加入收藏|当前位置[:：]|打印此文|打印本页|关闭窗口|ICP备|ICP证|公网安备|网站标识码|扫一扫在手机|"
                    + "^\\s*主办[:：]|^\\s*承办[:：]|建设与维护[:：]|分辨率|【字体|^\\s*首页\\s*[|>]|站群导航|上一篇[:：]|下一篇[:：]|浏览次数[:：]|^\\s*附件[:：]?\\s*$");
    /** Mojibake and replacement characters; a ? between Han characters is a lost character. */
    private static final Pattern GARBLED = Pattern.compile("\\uFFFD+|(?<=\\p{IsHan})\\?+|\\?+(?=\\p{IsHan})|锟斤拷|烫烫烫|[ÃÂâ][\\u0080-\\u00BF€™œ]");
    private static final Pattern SENTENCE_END = Pattern.compile("[。！？；;:：!?）)”\\]】》]$");

    public record Result(String text, boolean convertedFromTraditional, List<String> warnings) {
    }

    public Result normalise(String input) {
        List<String> warnings = new ArrayList<>();
        String text = input.replace("\r\n", "\n").replace('\r', '\n').replace("\uFEFF", "");
        text = PINYIN.matcher(text).replaceAll("");
        boolean traditional = looksTraditional(text);
        if (traditional) text = ZhConverterUtil.toSimple(text);
        text = toHalfWidth(text);
        text = MARKDOWN_EMPHASIS.matcher(text).replaceAll("");
        String[] lines = text.split("\n", -1);
        List<String> kept = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = SPACED_HAN.matcher(lines[i]).replaceAll("");
            if (CHROME.matcher(line).find()) continue;
            Matcher garbled = GARBLED.matcher(line);
            if (garbled.find()) {
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
            if (c < '\u4E00' || c > '\u9FFF') continue;
            if (ZhConverterUtil.isTraditional(c) && !ZhConverterUtil.isSimple(c) && ++count >= 5) return true;
        }
        return false;
    }
}
