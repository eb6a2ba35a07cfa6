package io.nianbao.core.tables;

import io.nianbao.core.model.Cell;
import io.nianbao.core.template.ValueKind;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a cell's text: missing markers, counts, signed changes (增加 806, 减39项) and amounts in 万元. */
public final class CellValues {

    private static final Set<String> MISSING = Set.of("", "/", "／", "\\", "-", "--", "—", "——", "－", "–", "无", "N/A", "n/a", "NA", "空", "/ /");
    private static final Pattern NUMBER = Pattern.compile(
            "^(增加|新增|增|减少|减|\\+|-|−|－)?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(项|件|个|条|次|人次|万元|万|元|亿元)?$");

    private CellValues() {
    }

    /** A reading: the cell, and a reason when the text could not be read as a number of this kind. */
    public record Reading(Cell cell, String problem) {
    }

    public static boolean isMissingMarker(String text) {
        return MISSING.contains(compact(text));
    }

    /** Whether a cell's text is a value (a number or a missing marker) rather than a label. */
    public static boolean looksLikeValue(String text) {
        // a value is short and starts with a digit, a sign, 增/减/新 or a missing marker; most labels fail here cheaply
        if (text.length() > 24) return false;
        String s = compact(text);
        if (!s.isEmpty() && !maybeValueStart(s.charAt(0))) return false;
        if (isDigits(s)) return true; // what NUMBER matches, most values, without the regex
        return MISSING.contains(s) || NUMBER.matcher(s).matches() || ocrDigits(s) != null;
    }

    /** OCR prefix of a reading's problem: the value was read, with letters taken for digits. */
    public static final String OCR = "OCR: ";

    /**
     * A count as OCR misreads it (O or 〇 for 0, l or I for 1, mixed with digits), as digits; null when
     * the text is anything else. Only whole cells of these characters qualify, so no word is ever read.
     */
    static String ocrDigits(String s) {
        if (s.isEmpty() || s.length() > 12) return null;
        StringBuilder sb = new StringBuilder(s.length());
        boolean misread = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') sb.append(c);
            else if (c == 'O' || c == 'o' || c == '〇') {
                sb.append('0');
                misread = true;
            } else if (c == 'l' || c == 'I') {
                sb.append('1');
                misread = true;
            } else return null;
        }
        if (!misread) return null;
        // a lone l or I is as often a misread / (missing) as a 1: only letters among real digits are read
        if (s.length() == 1 && (s.charAt(0) == 'l' || s.charAt(0) == 'I')) return null;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= '0' && s.charAt(i) <= '9') digit = true;
        boolean ones = s.chars().anyMatch(c -> c == 'l' || c == 'I');
        return ones && !digit ? null : sb.toString();
    }

    public static Reading read(String raw, ValueKind kind) {
        String s = compact(raw);
        // a plain count, most cells: NUMBER reads it with no sign and no unit, so no kind has a problem with it
        if (isDigits(s)) return new Reading(new Cell(raw, Double.parseDouble(s)), null);
        if (MISSING.contains(s)) return new Reading(Cell.missing(raw), null);
        Matcher m = NUMBER.matcher(s);
        if (!m.matches()) {
            String digits = kind == ValueKind.COUNT ? ocrDigits(s) : null;
            if (digits != null && (digits.length() == 1 || digits.charAt(0) != '0')) {
                return new Reading(new Cell(raw, Double.parseDouble(digits)), OCR + "letters read as the digits " + digits);
            }
            return new Reading(Cell.missing(raw), "not a number");
        }
        String sign = m.group(1);
        double value = Double.parseDouble(m.group(2).replace(",", ""));
        if (sign != null && (sign.startsWith("减") || sign.equals("-") || sign.equals("−") || sign.equals("－"))) value = -value;
        String unit = m.group(3);
        String problem = null;
        if (kind == ValueKind.AMOUNT_WAN) {
            if ("元".equals(unit)) value = value / 10_000d;
            else if ("亿元".equals(unit)) value = value * 10_000d;
        } else if (unit != null && (unit.endsWith("元") || unit.equals("万"))) {
            problem = "an amount where a count was expected";
        }
        if (kind != ValueKind.SIGNED_CHANGE && sign != null && value < 0 && kind == ValueKind.COUNT) {
            problem = "a negative count";
        }
        return new Reading(new Cell(raw, value), problem);
    }

    /** Only ASCII digits, at least one (NUMBER's \d is ASCII). */
    private static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    private static boolean maybeValueStart(char c) {
        return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '−' || c == '－' || c == '增' || c == '减' || c == '新'
                || c == '/' || c == '／' || c == '\\' || c == '—' || c == '–' || c == '无' || c == 'N' || c == 'n' || c == '空'
                || c == 'O' || c == 'o' || c == '〇' || c == 'l' || c == 'I';
    }

    /** The text without white space (a hand loop: this runs for every cell of every report). */
    private static String compact(String text) {
        if (text == null) return "";
        int n = text.length();
        int i = 0;
        while (i < n && !isSpace(text.charAt(i))) i++;
        if (i == n) return text;
        StringBuilder sb = new StringBuilder(n).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) sb.append(c);
        }
        return sb.toString();
    }

    /** White space as reports print it: Unicode white space, no-break and ideographic spaces. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u3000';
    }
}
