package io.nianbao.core.tables;

import io.nianbao.core.model.Cell;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.template.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads sections 三 and 四 from text whose table structure is gone: an archive's one-line body with
 * every row's cells run together ({@code 一、本年新收政府信息公开申请数量230 000023}), or any text where
 * labels and numbers follow each other without a layout the cell readers know. Each template row is
 * found by its label, in table order, ignoring white space and punctuation; the digits between it and
 * the next label are its value run, which {@link RunSplitter} cuts into cells. Never more than that:
 * a run that cannot be cut one way leaves the cells it cannot decide missing, with the candidates.
 */
public final class FlatRunReader {

    /** How far (in compact characters) the next row's label may stand from the previous one. */
    private static final int ROW_WINDOW = 260;
    /** Fewest template rows, found in order, that make a section 三 table (the templates have 26 and 28). */
    private static final int MIN_ROWS = 10;
    /** How far a value run may follow the end of the last row's label (its label tail). */
    private static final int TAIL = 40;

    private static final int APPLICANT_CELLS = ApplicantColumn.ALL.size();
    private static final int REVIEW_CELLS = ReviewBlock.ALL.size() * ReviewBlock.Column.ALL.size();

    /** What this reader found of one section: the table (empty when the section is absent) and how it was read. */
    public record Section(Table table, Template template, List<String> warnings, String reading) {
        public boolean found() {
            return !table.isEmpty();
        }
    }

    /** The text with white space and punctuation taken out, and where each remaining character came from. */
    private record Compact(String text, int[] origin) {
        static Compact of(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            int[] origin = new int[s.length()];
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 128 ? Character.isLetterOrDigit(c) : !isSpaceOrPunctuation(c)) {
                    origin[sb.length()] = i;
                    sb.append(c);
                }
            }
            return new Compact(sb.toString(), origin);
        }

        int start(int compactIndex) {
            return origin[compactIndex];
        }

        /** The original index just after the compact character before {@code compactEnd}. */
        int end(int compactEnd) {
            return origin[compactEnd - 1] + 1;
        }
    }

    private record Match(ApplicationRow row, int keyStart, int keyEnd) {
    }

    public Section readApplications(String text) {
        Compact compact = Compact.of(text);
        String c = compact.text();
        List<String> warnings = new ArrayList<>();
        int anchor = firstOf(c, ApplicationRow.NEW_RECEIVED.keys(), 0, c.length());
        if (anchor < 0) return new Section(new Table(), null, List.of(), null);
        Template template = c.indexOf("申请人无正当理由逾期不补正", anchor) >= 0 || c.indexOf("逾期未按收费通知要求缴纳费用", anchor) >= 0
                ? Template.T2021 : Template.T2019;
        List<Match> matches = new ArrayList<>();
        int cursor = anchor;
        for (ApplicationRow row : ApplicationRow.rowsOf(template)) {
            int limit = Math.min(c.length(), cursor + ROW_WINDOW);
            int best = -1;
            String bestKey = null;
            for (String key : row.keys()) {
                int at = c.indexOf(key, cursor);
                if (at >= 0 && at < limit && (best < 0 || at < best)) {
                    best = at;
                    bestKey = key;
                }
            }
            if (best < 0) continue;
            matches.add(new Match(row, best, best + bestKey.length()));
            cursor = best + bestKey.length();
        }
        // a table lists its rows: a label or two quoted by the narrative (本年新收政府信息公开申请数量55件) is no table
        if (matches.size() < MIN_ROWS) return new Section(new Table(), null, List.of(), null);
        Table table = new Table();
        int forced = 0;
        int ambiguous = 0;
        List<String> runs = new ArrayList<>();
        for (int m = 0; m < matches.size(); m++) {
            Match match = matches.get(m);
            int from = compact.end(match.keyEnd());
            int to = m + 1 < matches.size() ? compact.start(matches.get(m + 1).keyStart()) : Math.min(text.length(), from + TAIL);
            ApplicationRow next = m + 1 < matches.size() ? matches.get(m + 1).row() : null;
            runs.add(valueRun(text, from, to, next == null ? null : subNumber(next)));
        }
        for (int m = 0; m < matches.size(); m++) {
            Match match = matches.get(m);
            String run = runs.get(m);
            if (run == null) {
                if (!(template == Template.T2021 && match.row() == ApplicationRow.OTHER_DISPOSAL)) {
                    warnings.add("CELLS_MISSING: applications row " + match.row().path() + " prints no values; its cells are missing");
                    for (ApplicantColumn column : ApplicantColumn.ALL) table.put(match.row().path(), column.id(), Cell.missing(""));
                }
                continue;
            }
            RunSplitter.Split split = RunSplitter.split(chunks(run), APPLICANT_CELLS, APPLICANT_CELLS);
            if (split == null) {
                warnings.add("ROW_UNSPLIT: applications row " + match.row().path() + " reads \"" + run.strip() + "\", which cannot be cut into "
                        + APPLICANT_CELLS + " counts; its cells are missing");
                for (ApplicantColumn column : ApplicantColumn.ALL) table.put(match.row().path(), column.id(), Cell.missing(run.strip()));
                ambiguous++;
                continue;
            }
            if (chunks(run).size() != APPLICANT_CELLS) forced++;
            if (!split.complete()) {
                ambiguous++;
                warnings.add("ROW_AMBIGUOUS: applications row " + match.row().path() + " reads \"" + run.strip() + "\": " + split.how()
                        + " (" + candidates(split) + "); the cells they disagree on are missing");
            }
            for (int i = 0; i < APPLICANT_CELLS; i++) {
                Long v = split.cells().get(i);
                table.put(match.row().path(), ApplicantColumn.ALL.get(i).id(), v == null ? Cell.missing(run.strip()) : Cell.of(String.valueOf(v), v));
            }
        }
        if (table.isEmpty()) return new Section(table, null, warnings, null);
        if (template == Template.T2021) TableParser.deriveOtherDisposal(table, warnings);
        List<String> absent = new ArrayList<>();
        for (ApplicationRow row : ApplicationRow.rowsOf(template)) {
            if (!table.hasRow(row.path())) absent.add(row.path());
        }
        if (!absent.isEmpty()) warnings.add("ROWS_NOT_FOUND: section 三 has no row " + String.join(", ", absent));
        String reading = "flattened runs: " + matches.size() + " rows by label" + (forced > 0 ? ", " + forced + " runs split without separators" : "")
                + (ambiguous > 0 ? ", " + ambiguous + " left partly missing" : "");
        return new Section(table, template, warnings, reading);
    }

    public Section readReview(String text) {
        Compact compact = Compact.of(text);
        String c = compact.text();
        int anchor = -1;
        for (int at = c.indexOf("行政复议"); at >= 0; at = c.indexOf("行政复议", at + 1)) {
            int header = c.indexOf("结果维持", at);
            // the table's header, not a sentence about reviews: its columns follow (…尚未审结总计)
            String columns = header < 0 ? "" : c.substring(header, Math.min(c.length(), header + 60));
            if (header >= 0 && header - at < 80 && columns.contains("结果纠正") && columns.contains("尚未审结") && columns.contains("总计")) {
                anchor = header;
                break;
            }
        }
        if (anchor < 0) return new Section(new Table(), null, List.of(), null);
        List<String> warnings = new ArrayList<>();
        int from = compact.start(anchor);
        String run = valueRun(text, from, Math.min(text.length(), from + 400), null);
        Table table = new Table();
        if (run == null) {
            warnings.add("CELLS_MISSING: section 四 (reviewLitigation) has a header but no values");
            return new Section(table, null, warnings, null);
        }
        RunSplitter.Split split = RunSplitter.split(chunks(run), REVIEW_CELLS, ReviewBlock.Column.ALL.size());
        String how;
        if (split == null) {
            warnings.add("ROW_UNSPLIT: section 四 reads \"" + run.strip() + "\", which cannot be cut into " + REVIEW_CELLS + " counts in few enough ways; its cells are missing");
            how = "unsplit";
        } else {
            how = split.how();
            if (!split.complete()) {
                warnings.add("ROW_AMBIGUOUS: section 四 reads \"" + run.strip() + "\": " + split.how() + " (" + candidates(split)
                        + "); the cells they disagree on are missing");
            }
        }
        int i = 0;
        for (ReviewBlock block : ReviewBlock.ALL) {
            for (ReviewBlock.Column column : ReviewBlock.Column.ALL) {
                Long v = split == null ? null : split.cells().get(i);
                table.put(block.id(), column.id(), v == null ? Cell.missing(run.strip()) : Cell.of(String.valueOf(v), v));
                i++;
            }
        }
        return new Section(table, null, warnings, "flattened run: " + how);
    }

    // ---- value runs ----

    /**
     * The first run of digits (and the spaces between them) in {@code text[from, to)}, after the rest of
     * the row's label; null when a numbering (the next row or section) comes first or there is none.
     * The next row's own number (2. of 2.重复申请) is cut off the end of the run.
     */
    static String valueRun(String text, int from, int to, Integer nextNumber) {
        int i = from;
        while (i < to && !isDigit(text.charAt(i))) {
            if (startsNumbering(text, i, to)) return null;
            i++;
        }
        if (i >= to) return null;
        int start = i;
        while (i < to && (isDigit(text.charAt(i)) || CellValues.isSpace(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '．' || text.charAt(i) == '、')) i++;
        String run = text.substring(start, i);
        // the next row's numbering: "…00000002." before 2.其他法律行政法规禁止公开
        String trimmed = run.stripTrailing();
        if (nextNumber != null && !trimmed.isEmpty() && isNumberingMark(trimmed.charAt(trimmed.length() - 1))) {
            String body = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
            String n = String.valueOf(nextNumber);
            if (body.endsWith(n)) trimmed = body.substring(0, body.length() - n.length());
        }
        // a trailing mark with nothing to number is punctuation
        while (!trimmed.isEmpty() && (isNumberingMark(trimmed.charAt(trimmed.length() - 1)) || CellValues.isSpace(trimmed.charAt(trimmed.length() - 1)))) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The run's digit strings between spaces; empty when something else stands inside (3.5 is no count). */
    private static List<String> chunks(String run) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < run.length(); i++) {
            char ch = run.charAt(i);
            if (isDigit(ch)) sb.append(ch);
            else if (!CellValues.isSpace(ch)) return List.of();
            else if (!sb.isEmpty()) {
                out.add(sb.toString());
                sb.setLength(0);
            }
        }
        if (!sb.isEmpty()) out.add(sb.toString());
        return out;
    }

    /** 一、 （一） (1) 1. — where the next label starts. */
    private static boolean startsNumbering(String text, int i, int to) {
        char ch = text.charAt(i);
        if (isChineseNumeral(ch)) {
            int j = i;
            while (j < to && isChineseNumeral(text.charAt(j))) j++;
            return j < to && j > i && (text.charAt(j) == '、' || text.charAt(j) == '.' || text.charAt(j) == '．');
        }
        if (ch == '（' || ch == '(') {
            int j = i + 1;
            while (j < to && isChineseNumeral(text.charAt(j))) j++;
            return j > i + 1 && j < to && (text.charAt(j) == '）' || text.charAt(j) == ')');
        }
        return false;
    }

    private static Integer subNumber(ApplicationRow row) {
        String label = row.label();
        int j = 0;
        while (j < label.length() && isDigit(label.charAt(j))) j++;
        return j > 0 ? Integer.valueOf(label.substring(0, j)) : null;
    }

    private static String candidates(RunSplitter.Split split) {
        List<String> shown = new ArrayList<>();
        for (List<Long> c : split.candidates()) shown.add(String.join("|", c.stream().map(v -> v == null ? "blank" : String.valueOf(v)).toList()));
        return "candidates " + String.join(", ", shown) + (split.moreCandidates() > 0 ? " and " + split.moreCandidates() + " more" : "");
    }

    private static int firstOf(String c, List<String> keys, int from, int to) {
        int best = -1;
        for (String key : keys) {
            int at = c.indexOf(key, from);
            if (at >= 0 && at < to && (best < 0 || at < best)) best = at;
        }
        return best;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }


    private static boolean isNumberingMark(char c) {
        return c == '.' || c == '．' || c == '、';
    }

    private static boolean isChineseNumeral(char c) {
        return "一二三四五六七八九十".indexOf(c) >= 0;
    }

    private static boolean isSpaceOrPunctuation(char c) {
        if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u3000') return true;
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
