package io.nianbao.core.template;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparable form of a table label: white space, punctuation and leading numbering
 * (一、 （一） (1) 1. ①) removed, and any group heading before the row label dropped.
 */
public record LabelKey(String key, boolean numbered) {

    private static final Pattern NUMBERING = Pattern.compile(
            "^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|[(（]\\d{1,2}[)）]|\\d{1,2}[.、．](?!\\d)|[①②③④⑤⑥⑦⑧⑨⑩])");

    /** Keys of labels seen, by the label as printed: the template's labels recur in report after report (a twelfth of parse-service's time went here). */
    // evictions on the calling thread: no common-pool threads for a pure function's memo
    private static final Cache<String, LabelKey> REMEMBERED = Caffeine.newBuilder().maximumSize(5_000).executor(Runnable::run).build();

    public static LabelKey of(String label) {
        return REMEMBERED.get(label, LabelKey::compute);
    }

    private static LabelKey compute(String label) {
        String s = withoutSpace(label);
        boolean numbered = false;
        boolean changed = true;
        while (changed && !s.isEmpty()) {
            changed = false;
            Matcher m = NUMBERING.matcher(s);
            if (m.find()) {
                s = s.substring(m.end());
                numbered = true;
                changed = true;
                continue;
            }
            for (String group : ApplicationRow.GROUP_KEYS) {
                if (s.startsWith(group) && s.length() > group.length()) {
                    String rest = s.substring(group.length());
                    if (NUMBERING.matcher(rest).find()) {
                        s = rest;
                        numbered = false;
                        changed = true;
                    }
                    break;
                }
            }
        }
        return new LabelKey(withoutPunctuation(s), numbered);
    }

    private static String withoutSpace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u3000') sb.append(c);
        }
        return sb.toString();
    }

    /** What PUNCTUATION matches, by character class, in one pass (this runs for every label cell). */
    private static String withoutPunctuation(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 ? (Character.isLetterOrDigit(c)) : !isPunctuation(c)) sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isPunctuation(char c) {
        if (Character.isWhitespace(c)) return true;
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** Whether this key names a label with one of the given keys: exactly, or as a prefix of four or more characters. */
    public boolean matches(java.util.List<String> keys) {
        for (String k : keys) {
            if (key.equals(k)) return true;
            if (k.length() >= 4 && key.startsWith(k)) return true;
        }
        return false;
    }
}
