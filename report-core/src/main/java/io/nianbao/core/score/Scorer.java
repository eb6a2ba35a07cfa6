package io.nianbao.core.score;

import com.fasterxml.jackson.databind.JsonNode;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.normalise.ChineseScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares parses with hand-read figures. A field is RIGHT when the parse says what the person read,
 * MISSING when the parse has nothing where the person read something, and WRONG otherwise — a value
 * where the report says nothing is wrong too. Matching follows the corpus conventions: names compare
 * in simplified script without white space; a name's parenthesised completion（…）may be present or
 * absent; a region {@code X（C）} is right when a component of the parse's region is X and its city,
 * if it names one, is C.
 */
public final class Scorer {

    public enum Outcome { RIGHT, MISSING, WRONG }

    /** One field of one file: expected, what the parse gave, and the outcome. */
    public record Check(Field field, String expected, String actual, Outcome outcome) {
    }

    /** One file: its checks, or why it could not be parsed (then every field counts as missing). */
    public record FileScore(Path file, List<Check> checks, String failure) {
        public long count(Outcome o) {
            return checks.stream().filter(c -> c.outcome() == o).count();
        }

        public boolean fullyRight() {
            return failure == null && count(Outcome.RIGHT) == checks.size();
        }
    }

    /** Parses one labelled file; throws with a reason when the file cannot be read. */
    @FunctionalInterface
    public interface FileParser {
        ParsedReport parse(Path file) throws Exception;
    }

    private static final Pattern PARENS = Pattern.compile("[（(]([^）)]*)[）)]");

    public List<FileScore> score(Manifest manifest, FileParser parser) {
        List<FileScore> out = new ArrayList<>();
        for (Manifest.Entry entry : manifest.entries()) out.add(score(entry, parser));
        return out;
    }

    public FileScore score(Manifest.Entry entry, FileParser parser) {
        ParsedReport parsed;
        try {
            parsed = parser.parse(entry.file());
        } catch (Exception e) {
            List<Check> checks = new ArrayList<>();
            for (Map.Entry<Field, JsonNode> f : entry.expected().entrySet()) {
                if (!scored(f.getValue())) continue;
                checks.add(new Check(f.getKey(), text(f.getValue()), null, f.getValue().isNull() ? Outcome.RIGHT : Outcome.MISSING));
            }
            return new FileScore(entry.file(), checks, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<Field, JsonNode> f : entry.expected().entrySet()) {
            if (!scored(f.getValue())) continue;
            checks.add(check(f.getKey(), f.getValue(), parsed));
        }
        return new FileScore(entry.file(), checks, null);
    }

    /** Totals per field over many files. */
    public static Map<Field, long[]> byField(List<FileScore> scores) {
        Map<Field, long[]> out = new EnumMap<>(Field.class);
        for (FileScore s : scores) {
            for (Check c : s.checks()) out.computeIfAbsent(c.field(), f -> new long[3])[c.outcome().ordinal()]++;
        }
        return out;
    }

    private static boolean scored(JsonNode expected) {
        return expected != null && !expected.isMissingNode();
    }

    static Check check(Field field, JsonNode expectedNode, ParsedReport p) {
        String expected = expectedNode.isNull() ? null : expectedNode.asText();
        if (field.isFigure()) {
            Table table = field.section().equals("applications") ? p.applications() : p.reviewLitigation();
            Double v = table == null ? null : table.value(field.row(), "total");
            String actual = v == null ? null : format(v);
            if (expected == null) return new Check(field, null, actual, actual == null ? Outcome.RIGHT : Outcome.WRONG);
            if (v == null) return new Check(field, expected, null, Outcome.MISSING);
            return new Check(field, expected, actual, Math.abs(v - expectedNode.asDouble()) < 1e-9 ? Outcome.RIGHT : Outcome.WRONG);
        }
        String actual = switch (field) {
            case ISSUER -> p.issuer();
            case REGION -> p.region();
            case PROVINCE -> p.province();
            case REPORT_YEAR -> p.reportYear() == null ? null : String.valueOf(p.reportYear());
            case TEMPLATE -> p.template() == null ? null : p.template().id();
            default -> throw new IllegalStateException(field.name());
        };
        if (field == Field.TEMPLATE && "unknown".equals(expected)) expected = null;
        if (expected == null) return new Check(field, null, actual, actual == null ? Outcome.RIGHT : Outcome.WRONG);
        if (actual == null) return new Check(field, expected, null, Outcome.MISSING);
        boolean right = switch (field) {
            case ISSUER -> issuerMatches(expected, actual);
            case REGION -> regionMatches(expected, actual);
            default -> plain(expected).equals(plain(actual));
        };
        return new Check(field, expected, actual, right ? Outcome.RIGHT : Outcome.WRONG);
    }

    static boolean issuerMatches(String expected, String actual) {
        String a = plain(actual);
        String kept = plain(PARENS.matcher(expected).replaceAll("$1"));
        String dropped = plain(PARENS.matcher(expected).replaceAll(""));
        return a.equals(kept) || a.equals(dropped) || a.equals(plain(expected));
    }

    static boolean regionMatches(String expected, String actual) {
        Matcher m = PARENS.matcher(expected);
        String city = m.find() ? plain(m.group(1)) : null;
        List<String> places = List.of(ChineseScript.toSimplified(PARENS.matcher(expected).replaceAll("")).trim().split("\\s+"));
        List<String> parts = List.of(ChineseScript.toSimplified(actual).trim().split("\\s+"));
        if (!parts.containsAll(places)) return false;
        if (city == null) return true;
        for (String part : parts) {
            if (!places.contains(part) && isCityLevel(part) && !part.equals(city)) return false;
        }
        return true;
    }

    private static boolean isCityLevel(String name) {
        return name.endsWith("市") || name.endsWith("自治州") || name.endsWith("州") || name.endsWith("地区") || name.endsWith("盟");
    }

    private static String plain(String s) {
        StringBuilder sb = new StringBuilder();
        String simple = ChineseScript.toSimplified(s);
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (c == '(') c = '（';
            else if (c == ')') c = '）';
            if (!Character.isWhitespace(c) && c != '\u3000' && c != '\u00A0') sb.append(c);
        }
        return sb.toString();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
