package io.nianbao.core.tables;

import io.nianbao.core.layout.Token;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.DisclosureColumn;
import io.nianbao.core.template.DisclosureRow;
import io.nianbao.core.template.LabelKey;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.template.Template;
import io.nianbao.core.template.ValueKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The template matcher: walks the cells of any layout, recognises row labels of sections 二, 三 and 四
 * against the template, and gives the values that follow a label to that row's columns. Whenever it
 * has to guess (too few or too many cells, an unusual header) it says so in a warning; a value it
 * cannot read is left missing, never invented.
 */
public final class TableParser {

    private static final int REVIEW_CELLS = ReviewBlock.ALL.size() * ReviewBlock.Column.ALL.size();

    /** A token with what every pass asks of it worked out once: is it a label, and its label key. */
    private static final int MAX_LABEL = 90;
    private static final LabelKey NO_KEY = new LabelKey("\u0000", false);

    static final class Item {
        final Token token;
        final boolean label;
        final LabelKey key;

        Item(Token token) {
            this.token = token;
            this.label = !token.isBreak() && !CellValues.looksLikeValue(token.text());
            // table labels are short; a paragraph of narrative is never one, so it is not worth a key
            this.key = label ? (token.text().length() <= MAX_LABEL ? LabelKey.of(token.text()) : NO_KEY) : null;
        }

        String text() {
            return token.text();
        }

        int line() {
            return token.line();
        }

        boolean isBreak() {
            return token.isBreak();
        }
    }

    public ParsedTables parse(List<Token> cells) {
        List<Item> tokens = new ArrayList<>(cells.size());
        for (Token t : cells) tokens.add(new Item(t));
        List<String> warnings = new ArrayList<>();
        Template applicationsTemplate = detectApplicationsTemplate(tokens);
        Template disclosureTemplate = detectDisclosureTemplate(tokens);
        Table applications = parseApplications(tokens, applicationsTemplate, warnings);
        // section 三 shows its template only in its 其他处理 rows: without them (a cut page) it does not say
        if (applications.isEmpty() || (applicationsTemplate == Template.T2019 && !applications.hasRow(ApplicationRow.OTHER_DISPOSAL.path()))) {
            applicationsTemplate = null;
        }
        Table disclosure = parseDisclosure(tokens, disclosureTemplate, warnings);
        if (disclosure.isEmpty()) disclosureTemplate = null;
        Table review = parseReview(tokens, warnings);
        if (applicationsTemplate != null && disclosureTemplate != null && applicationsTemplate != disclosureTemplate) {
            warnings.add("TEMPLATE_MIXED: section 二 follows the " + disclosureTemplate.id() + " template, section 三 the "
                    + applicationsTemplate.id() + " template");
        }
        return new ParsedTables(disclosure, applications, review, disclosureTemplate, applicationsTemplate, warnings);
    }

    // ---- section 三 ----

    private Template detectApplicationsTemplate(List<Item> tokens) {
        for (Item t : tokens) {
            if (t.label) {
                LabelKey key = t.key;
                if (ApplicationRow.OVERDUE_CORRECTION.keys().stream().anyMatch(k -> key.key().startsWith(k))
                        || ApplicationRow.UNPAID_FEE.keys().stream().anyMatch(k -> key.key().startsWith(k))) {
                    return Template.T2021;
                }
            }
        }
        return Template.T2019;
    }

    private Table parseApplications(List<Item> tokens, Template template, List<String> warnings) {
        Table table = new Table();
        List<ApplicationRow> expected = ApplicationRow.rowsOf(template);
        record Found(ApplicationRow row, Item label, List<Item> values) {
        }
        List<Found> found = new ArrayList<>();
        ApplicationRow previous = null;
        RowShapes shapes = new RowShapes();
        for (int i = 0; i < tokens.size(); i++) {
            Item t = tokens.get(i);
            if (!t.label) continue;
            ApplicationRow row = applicationRow(t.key, previous, template);
            if (row == null) continue;
            previous = row;
            List<Item> values = valuesAfter(tokens, i, ApplicantColumn.ALL.size());
            if (values.isEmpty()) continue; // a group heading, or 2021's （六）其他处理 above its sub-rows
            found.add(new Found(row, t, values));
            shapes.learn(values.stream().map(Item::text).toList(), ApplicantColumn.ALL.size());
        }
        for (Found f : found) {
            ApplicationRow row = f.row();
            Item t = f.label();
            if (table.hasRow(row.path())) {
                warnings.add("ROW_REPEATED: row " + row.path() + " appears again at line " + t.line() + "; the first one is kept");
                continue;
            }
            List<String> cells = fit(f.values(), ApplicantColumn.ALL.size(), "applications", row.path(), warnings, shapes);
            List<String> empty = new ArrayList<>();
            for (int c = 0; c < cells.size(); c++) {
                ApplicantColumn column = ApplicantColumn.ALL.get(c);
                Cell cell = read(cells.get(c), ValueKind.COUNT, "applications", row.path(), column.id(), warnings);
                if (cell.isMissing()) empty.add(column.id());
                table.put(row.path(), column.id(), cell);
            }
            if (!empty.isEmpty() && empty.size() < cells.size()) {
                warnings.add("CELLS_MISSING: applications row " + row.path() + " (line " + t.line() + ") has no value in " + String.join(", ", empty));
            }
        }
        if (table.isEmpty()) {
            warnings.add("SECTION_NOT_FOUND: section 三 (applications) was not found");
            return table;
        }
        if (template == Template.T2021) deriveOtherDisposal(table, warnings);
        List<String> absent = expected.stream()
                .filter(r -> !table.hasRow(r.path()) && !(template == Template.T2021 && r == ApplicationRow.OTHER_DISPOSAL))
                .map(ApplicationRow::path).toList();
        if (!absent.isEmpty()) warnings.add("ROWS_NOT_FOUND: section 三 has no row " + String.join(", ", absent));
        return table;
    }

    /** Rows by the first two characters of their keys: a label is compared with a few rows, not all. */
    private static final java.util.Map<String, List<ApplicationRow>> ROWS_BY_PREFIX = new java.util.HashMap<>();
    private static final java.util.Map<String, DisclosureRow> DISCLOSURE_BY_KEY = new java.util.HashMap<>();

    static {
        for (ApplicationRow row : ApplicationRow.values()) {
            for (String k : row.keys()) {
                List<ApplicationRow> rows = ROWS_BY_PREFIX.computeIfAbsent(k.substring(0, Math.min(2, k.length())), p -> new ArrayList<>());
                if (!rows.contains(row)) rows.add(row);
            }
        }
        for (DisclosureRow row : DisclosureRow.values()) for (String k : row.keys()) DISCLOSURE_BY_KEY.put(k, row);
    }

    private static ApplicationRow applicationRow(LabelKey key, ApplicationRow previous, Template template) {
        if (key.key().length() < 2) return null;
        List<ApplicationRow> candidates = ROWS_BY_PREFIX.get(key.key().substring(0, 2));
        if (candidates == null) return null;
        for (ApplicationRow row : candidates) {
            if (row.isOtherSubRow() && template != Template.T2021) continue;
            if (row.needsNumbering() && !key.numbered()) continue;
            // the 2021 sub-row 3.其他 is only a row right after its siblings or heading
            if (row == ApplicationRow.OTHER_REASONS && previous != ApplicationRow.UNPAID_FEE
                    && previous != ApplicationRow.OVERDUE_CORRECTION && previous != ApplicationRow.OTHER_DISPOSAL) continue;
            if (row.needsNumbering() ? row.keys().contains(key.key()) : key.matches(row.keys())) return row;
        }
        // OCR and hurried copies shorten （六）其他处理 to (六) 其他: right after 5.要求行政机关确认… it can be nothing else
        if (key.key().equals("其他") && key.numbered() && previous == ApplicationRow.CONFIRMATION) return ApplicationRow.OTHER_DISPOSAL;
        return null;
    }

    /** 2021: when （六）其他处理 carries no values of its own, its cells are the sum of its three sub-rows. */
    static void deriveOtherDisposal(Table table, List<String> warnings) {
        String row = ApplicationRow.OTHER_DISPOSAL.path();
        if (table.hasRow(row)) return;
        boolean any = false;
        for (ApplicantColumn column : ApplicantColumn.ALL) {
            Double sum = 0d;
            for (ApplicationRow sub : ApplicationRow.OTHER_SUB_ROWS) {
                Double v = table.value(sub.path(), column.id());
                if (v == null) {
                    sum = null;
                    break;
                }
                sum += v;
            }
            any |= sum != null;
            table.put(row, column.id(), new Cell(null, sum));
        }
        if (any) warnings.add("DERIVED: applications row " + row + " is the sum of its three sub-rows (the report prints none)");
    }

    // ---- section 二 ----

    private Template detectDisclosureTemplate(List<Item> tokens) {
        for (Item t : tokens) {
            if (!t.label) continue;
            LabelKey key = t.key;
            if (key.matches(DisclosureRow.T2021_HEADER_KEYS)) return Template.T2021;
        }
        return Template.T2019; // the 2019 headers, or none to tell: 2019 is the older, more common form
    }

    private Table parseDisclosure(List<Item> tokens, Template template, List<String> warnings) {
        Table table = new Table();
        for (int i = 0; i < tokens.size(); i++) {
            Item t = tokens.get(i);
            if (!t.label) continue;
            DisclosureRow row = DISCLOSURE_BY_KEY.get(t.key.key());
            if (row == null || table.hasRow(row.id())) continue;
            List<DisclosureColumn> columns = row.columns(template);
            if (columns.isEmpty()) {
                warnings.add("ROW_NOT_IN_TEMPLATE: section 二 row " + row.id() + " (line " + t.line() + ") is not part of the " + template.id() + " template");
                continue;
            }
            List<Item> values = valuesAfter(tokens, i, columns.size());
            if (values.isEmpty()) continue;
            List<String> cells = fit(values, columns.size(), "activeDisclosure", row.id(), warnings, null);
            boolean standardHeader = row != DisclosureRow.PROCUREMENT || headerBefore(tokens, i, "采购");
            if (!standardHeader) {
                warnings.add("NONSTANDARD_HEADER: activeDisclosure row procurement (line " + t.line()
                        + ") stands under a header that is not 采购项目数量/采购总金额; its cells are kept as text only");
            }
            for (int c = 0; c < columns.size(); c++) {
                DisclosureColumn column = columns.get(c);
                Cell cell = standardHeader
                        ? read(cells.get(c), column.kind(), "activeDisclosure", row.id(), column.id(), warnings)
                        : Cell.missing(cells.get(c));
                table.put(row.id(), column.id(), cell);
            }
        }
        if (table.isEmpty()) {
            warnings.add("SECTION_NOT_FOUND: section 二 (activeDisclosure) was not found");
        } else {
            List<String> absent = DisclosureRow.rowsOf(template).stream().filter(r -> !table.hasRow(r.id())).map(DisclosureRow::id).toList();
            if (!absent.isEmpty()) warnings.add("ROWS_NOT_FOUND: section 二 has no row " + String.join(", ", absent));
        }
        return table;
    }

    /** Whether one of the few label cells just before a row's label contains the given text. */
    private static boolean headerBefore(List<Item> tokens, int index, String text) {
        int labels = 0;
        for (int j = index - 1; j >= 0 && labels < 4; j--) {
            Item t = tokens.get(j);
            if (!t.label || isGenericHeader(t.key.key())) continue;
            labels++;
            if (t.text().contains(text)) return true;
        }
        return false;
    }

    // ---- section 四 ----

    private Table parseReview(List<Item> tokens, List<String> warnings) {
        Table table = new Table();
        int start = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).label && tokens.get(i).key.key().equals("行政复议")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            warnings.add("SECTION_NOT_FOUND: section 四 (reviewLitigation) was not found");
            return table;
        }
        // the data row follows the last header label (结果维持 … 总计); header rows may hold empty cells
        int lastLabel = start;
        int limit = Math.min(tokens.size(), start + 120);
        int firstValue = -1;
        for (int i = start + 1; i < limit; i++) {
            Item t = tokens.get(i);
            if (t.isBreak()) continue;
            if (t.label) lastLabel = i;
            else if (!CellValues.isMissingMarker(t.text())) {
                firstValue = i;
                break;
            }
        }
        if (firstValue < 0) {
            warnings.add("CELLS_MISSING: section 四 (reviewLitigation) has a header but no values");
            return table;
        }
        // the data row starts after the last label or row break before its first value
        int rowStart = firstValue - 1;
        while (rowStart > lastLabel && !tokens.get(rowStart).isBreak()) rowStart--;
        int blockWidth = ReviewBlock.Column.ALL.size();
        List<Item> values = trimmedToBlocks(valuesAfter(tokens, rowStart, REVIEW_CELLS), blockWidth);
        // some copies print each block as a table of its own (行政复议, then each 行政诉讼 block): gather
        // whole blocks of five while only block headings stand between them
        int next = values.isEmpty() ? -1 : tokens.indexOf(values.getLast()) + 1;
        while (next > 0 && values.size() < REVIEW_CELLS && values.size() % blockWidth == 0) {
            int k = next;
            while (k < tokens.size() && !tokens.get(k).isBreak()) k++; // the rest of the current row
            while (k < tokens.size() && tokens.get(k).isBreak()) k++;
            int end = k;
            while (end < tokens.size() && !tokens.get(end).isBreak()) end++;
            if (k >= end) break;
            List<Item> row = tokens.subList(k, end);
            boolean labelled = false;
            boolean headingsOnly = true;
            boolean printed = false;
            for (Item t : row) {
                if (t.label) {
                    labelled = true;
                    if (!isReviewHeading(t.key.key())) headingsOnly = false;
                } else if (!t.text().isEmpty()) printed = true;
            }
            next = end;
            if (labelled) {
                if (!headingsOnly || printed) break; // the section ended, or a row mixing labels and values
                continue; // a block heading, a generic header (数据1…), a markdown rule
            }
            List<Item> block = trimmedToBlocks(row, blockWidth);
            if (block.size() != blockWidth) break;
            values.addAll(block);
        }
        if (values.size() < REVIEW_CELLS) {
            // which blocks a short row belongs to is a guess: leave the section's cells missing
            warnings.add("ROW_TOO_SHORT: section 四 (reviewLitigation) has " + values.size() + " of " + REVIEW_CELLS
                    + " cells (line " + (values.isEmpty() ? 0 : values.getFirst().line()) + "); its cells are missing");
            for (ReviewBlock block : ReviewBlock.ALL) {
                for (ReviewBlock.Column column : ReviewBlock.Column.ALL) table.put(block.id(), column.id(), Cell.missing(""));
            }
            return table;
        }
        List<String> cells = fit(values, REVIEW_CELLS, "reviewLitigation", "row", warnings, null);
        int c = 0;
        for (ReviewBlock block : ReviewBlock.ALL) {
            for (ReviewBlock.Column column : ReviewBlock.Column.ALL) {
                table.put(block.id(), column.id(), read(cells.get(c++), ValueKind.COUNT, "reviewLitigation", block.id(), column.id(), warnings));
            }
        }
        return table;
    }

    /** A header cell that names nothing: a markdown rule, or the 数据1…数据6 other converters write. */
    private static boolean isGenericHeader(String key) {
        if (key.isEmpty()) return true;
        if (!key.startsWith("数据")) return false;
        for (int i = 2; i < key.length(); i++) if (key.charAt(i) < '0' || key.charAt(i) > '9') return false;
        return true;
    }

    /** A row of section 四 without the empty cells a pipe layout puts at its ends, when they make it no whole number of blocks. */
    private static List<Item> trimmedToBlocks(List<Item> row, int width) {
        List<Item> out = new ArrayList<>(row);
        int extra = out.size() % width;
        if (out.size() <= width || extra == 0) return out;
        boolean firstEmpty = out.getFirst().text().isEmpty();
        boolean lastEmpty = out.getLast().text().isEmpty();
        if (extra == 2 && firstEmpty && lastEmpty) {
            out.removeFirst();
            out.removeLast();
        } else if (extra == 1 && firstEmpty != lastEmpty) {
            if (firstEmpty) out.removeFirst();
            else out.removeLast();
        }
        return out;
    }

    private static final List<String> REVIEW_HEADINGS = List.of("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "数据");

    /** A label that may stand between the blocks of section 四: its headings, a markdown rule, a page number. */
    private static boolean isReviewHeading(String key) {
        if (key.isEmpty()) return true;
        boolean digitsOnly = true;
        for (int i = 0; i < key.length(); i++) if (key.charAt(i) < '0' || key.charAt(i) > '9') digitsOnly = false;
        if (digitsOnly) return true;
        for (String h : REVIEW_HEADINGS) if (key.contains(h)) return true;
        return false;
    }

    // ---- shared ----

    /**
     * The value cells after a label: up to the next label, or the end of the row once values have
     * started. A row break right after the label is skipped (cell-per-line layouts put values below).
     */
    private static List<Item> valuesAfter(List<Item> tokens, int labelIndex, int expected) {
        List<Item> values = new ArrayList<>();
        for (int j = labelIndex + 1; j < tokens.size() && values.size() < expected + 8; j++) {
            Item t = tokens.get(j);
            if (t.isBreak()) {
                if (values.isEmpty()) continue;
                break;
            }
            if (t.label) break;
            values.add(t);
        }
        // values only made of empty cells right before the next label belong to nobody
        if (values.stream().allMatch(v -> v.text().isEmpty())) {
            boolean rowEnded = values.size() < expected;
            if (rowEnded) return List.of();
        }
        return values;
    }

    /**
     * Fits a row's value cells to the template's column count. Surplus empty cells are layout (merged
     * label columns, trailing separators): trailing ones go first, then leading ones. A short row is
     * right-aligned, since the total column is always last, and reported.
     */
    private static List<String> fit(List<Item> values, int expected, String section, String row, List<String> warnings, RowShapes shapes) {
        List<String> cells = new ArrayList<>(values.stream().map(Item::text).toList());
        int line = values.isEmpty() ? 0 : values.getFirst().line();
        int[] cut = cells.size() > expected && shapes != null ? shapes.cut(cells, expected) : null;
        if (cut != null) {
            cells = new ArrayList<>(cells.subList(cut[0], cells.size() - cut[1]));
        } else if (cells.size() > expected) {
            int excess = cells.size() - expected;
            int lead = RowShapes.leading(cells);
            int trail = RowShapes.trailing(cells);
            if (lead > 0 && trail > 0 && lead + trail > excess && lead + trail < cells.size()) {
                warnings.add("ROW_AMBIGUOUS: " + section + " row " + row + " (line " + line + ") has " + cells.size() + " cells for "
                        + expected + " columns with blanks at both ends; the trailing blanks are taken as layout");
            }
            while (cells.size() > expected && cells.getLast().isEmpty()) cells.removeLast();
            while (cells.size() > expected && cells.getFirst().isEmpty()) cells.removeFirst();
        }
        if (cells.size() > expected) {
            warnings.add("ROW_TOO_LONG: " + section + " row " + row + " (line " + line + ") has " + cells.size() + " cells, expected "
                    + expected + "; the cells after the " + expected + "th are ignored");
            cells = new ArrayList<>(cells.subList(0, expected));
        } else if (cells.size() < expected) {
            warnings.add("ROW_TOO_SHORT: " + section + " row " + row + " (line " + line + ") has " + cells.size() + " of " + expected
                    + " cells; they are read as the last " + cells.size() + " columns");
            while (cells.size() < expected) cells.addFirst("");
        }
        return cells;
    }

    private static Cell read(String raw, ValueKind kind, String section, String row, String column, List<String> warnings) {
        CellValues.Reading reading = CellValues.read(raw, kind);
        if (reading.problem() != null && reading.problem().startsWith(CellValues.OCR)) {
            warnings.add("CELL_OCR: " + section + " " + row + "." + column + " reads \"" + raw + "\": " + reading.problem().substring(CellValues.OCR.length()));
        } else if (reading.problem() != null) {
            warnings.add("CELL_UNREADABLE: " + section + " " + row + "." + column + " reads \"" + raw + "\": " + reading.problem()
                    + (reading.cell().isMissing() ? "; left missing" : ""));
        }
        return reading.cell();
    }

}
