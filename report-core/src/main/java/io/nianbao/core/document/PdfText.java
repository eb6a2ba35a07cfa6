package io.nianbao.core.document;

import io.nianbao.core.tables.CellValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A PDF's text layer as lines, with table rows rebuilt from where each glyph stands rather than from
 * the order the PDF draws them. Each table row becomes one line: its label (the wrapped fragments of
 * the label cell joined in reading order), then its value cells after TABs. Labels of row groups sit
 * on their own line before the row they stand beside; labels printed vertically, one character per
 * line (三、本年度办理结果), are joined into one line and kept out of the rows. Page numbers and
 * headers or footers repeated on every page are dropped, so a table broken by a page stays one table.
 */
final class PdfText {

    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "[-—–－~\\s]*\\d{1,4}[-—–－~\\s]*|第\\s*\\d{1,4}\\s*页(\\s*[,，/]?\\s*共\\s*\\d{1,4}\\s*页)?|\\d{1,4}\\s*/\\s*\\d{1,4}|[Pp]age\\s*\\d{1,4}(\\s*of\\s*\\d{1,4})?");
    private static final Pattern DASHED = Pattern.compile(".*[-—–－~].*|第.*|.*/.*|[Pp]age.*");

    private PdfText() {
    }

    static DocumentText read(byte[] body) throws UnreadableDocumentException {
        try (PDDocument doc = Loader.loadPDF(body)) {
            int pages = doc.getNumberOfPages();
            if (pages == 0) throw new UnreadableDocumentException("PDF has no pages");
            Collector collector = new Collector();
            collector.setSortByPosition(true);
            collector.getText(doc);
            return layout(collector.glyphs, doc, pages);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("PDF is encrypted with a password; it cannot be read", e);
        } catch (IOException e) {
            throw new UnreadableDocumentException("PDF is corrupt or not a PDF: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("PDF could not be read: " + e, e);
        }
    }

    /** One glyph: its text, left edge, baseline, advance and font size, in page space (y grows downwards). */
    record Glyph(String text, double x, double y, double w, double size, int page) {
        double end() {
            return x + w;
        }
    }

    private static final class Collector extends PDFTextStripper {
        final Map<Integer, List<Glyph>> glyphs = new TreeMap<>();

        Collector() throws IOException {
            super();
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            int page = getCurrentPageNo();
            List<Glyph> list = glyphs.computeIfAbsent(page, p -> new ArrayList<>());
            for (TextPosition t : positions) {
                String u = t.getUnicode();
                if (u == null || u.isBlank()) continue;
                double size = t.getYScale() > 0.5 ? t.getYScale() : Math.max(t.getFontSizeInPt(), 1);
                double w = t.getWidthDirAdj();
                // some producers give vertical or spaced glyphs an advance of several characters
                if (w <= 0 || w > 1.5 * size * u.length()) w = size * (isWide(u) ? 1 : 0.55) * u.length();
                list.add(new Glyph(u, t.getXDirAdj(), t.getYDirAdj(), w, size, page));
            }
        }
    }

    /** A horizontal run of glyphs close enough to be one cell or one piece of narrative. */
    static final class Fragment {
        final List<Glyph> glyphs = new ArrayList<>();
        String text;
        boolean value;

        double x() {
            return glyphs.getFirst().x();
        }

        double end() {
            return glyphs.getLast().end();
        }

        double y() {
            return glyphs.getFirst().y();
        }

        double size() {
            double s = 0;
            for (Glyph g : glyphs) s = Math.max(s, g.size());
            return s;
        }
    }

    /** What a page is made of once read: rows, text lines and vertical labels, each at a height. */
    private record Item(double y, String text) {
    }

    private static DocumentText layout(Map<Integer, List<Glyph>> byPage, PDDocument doc, int pages) throws UnreadableDocumentException {
        int total = 0;
        int unmapped = 0;
        List<Integer> empty = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            List<Glyph> gs = byPage.getOrDefault(p, List.of());
            if (gs.isEmpty()) empty.add(p);
            for (Glyph g : gs) {
                total++;
                if (!mapped(g.text())) unmapped++;
            }
        }
        if (total == 0) {
            throw new UnreadableDocumentException("PDF has no text layer (a scanned image?); OCR is not supported");
        }
        if (unmapped * 2 > total) {
            throw new UnreadableDocumentException("PDF text layer does not map its glyphs to characters (" + unmapped + " of " + total
                    + " glyphs unmapped); it cannot be read");
        }
        List<String> warnings = new ArrayList<>();
        if (!empty.isEmpty()) {
            warnings.add("PDF_PAGE_WITHOUT_TEXT: page" + (empty.size() > 1 ? "s " : " ") + join(empty)
                    + " of " + pages + " ha" + (empty.size() > 1 ? "ve" : "s") + " no text layer (scanned?) and " + (empty.size() > 1 ? "were" : "was") + " skipped");
        }
        if (unmapped > 0) {
            warnings.add("PDF_GLYPHS_UNMAPPED: " + unmapped + " glyphs of the text layer have no Unicode mapping");
        }

        // lines of fragments per page
        Map<Integer, List<List<Fragment>>> lines = new TreeMap<>();
        Map<Integer, List<Item>> verticals = new HashMap<>();
        for (int p = 1; p <= pages; p++) {
            List<Glyph> gs = new ArrayList<>(byPage.getOrDefault(p, List.of()));
            List<Item> vertical = new ArrayList<>();
            gs = removeVertical(gs, vertical);
            verticals.put(p, vertical);
            lines.put(p, lines(gs));
        }
        dropChrome(lines, doc, warnings);

        StringBuilder out = new StringBuilder();
        Grid carried = new Grid(null);
        for (int p = 1; p <= pages; p++) {
            List<Item> items = new ArrayList<>(verticals.get(p));
            PDPage page = doc.getPage(p - 1);
            // the rules are read in the page's own coordinates, which are the text's only on an unrotated page
            List<PdfRulings.Vertical> rules = page.getRotation() % 360 == 0 ? PdfRulings.of(page) : List.of();
            items.addAll(rows(lines.get(p), carried, rules));
            items.sort(Comparator.comparingDouble(Item::y));
            for (Item item : items) out.append(item.text()).append('\n');
        }
        return new DocumentText(out.toString(), DocumentFormat.PDF, warnings, pages);
    }

    // ---- glyphs to lines and fragments ----

    /**
     * Removes glyphs stacked one per line at the same x (a label printed vertically) and returns them as
     * items. A stack is three or more single glyphs, one font size apart, most with no neighbour on
     * their own line.
     */
    private static List<Glyph> removeVertical(List<Glyph> gs, List<Item> out) {
        List<Glyph> sorted = new ArrayList<>(gs);
        sorted.sort(Comparator.comparingDouble(Glyph::x).thenComparingDouble(Glyph::y));
        java.util.Set<Glyph> vertical = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        boolean[] used = new boolean[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            if (used[i] || !stackable(sorted.get(i))) continue;
            List<Glyph> stack = new ArrayList<>();
            stack.add(sorted.get(i));
            List<Integer> idx = new ArrayList<>(List.of(i));
            Glyph last = sorted.get(i);
            for (int j = i + 1; j < sorted.size(); j++) {
                Glyph g = sorted.get(j);
                if (Math.abs(g.x() - last.x()) > 0.3 * last.size()) {
                    if (g.x() - last.x() > 0.3 * last.size()) break;
                    continue;
                }
                double dy = g.y() - last.y();
                if (dy < 0.7 * last.size()) continue;
                if (dy > 1.7 * last.size()) break;
                if (!stackable(g) || Math.abs(g.size() - last.size()) > 0.2 * last.size()) break;
                stack.add(g);
                idx.add(j);
                last = g;
            }
            if (stack.size() < 3) continue;
            int isolated = 0;
            for (Glyph g : stack) if (isolated(g, gs)) isolated++;
            if (isolated * 3 < stack.size() * 2) continue;
            StringBuilder text = new StringBuilder();
            for (Glyph g : stack) text.append(g.text());
            out.add(new Item(stack.getFirst().y(), text.toString()));
            for (int k : idx) used[k] = true;
            vertical.addAll(stack);
        }
        if (vertical.isEmpty()) return gs;
        List<Glyph> rest = new ArrayList<>();
        for (Glyph g : gs) if (!vertical.contains(g)) rest.add(g);
        return rest;
    }

    /** A glyph that may be part of a vertical label: a wide character that is not a value (a column of 无 cells is values). */
    private static boolean stackable(Glyph g) {
        return isWide(g.text()) && !g.text().equals("无") && !g.text().equals("無");
    }

    /** Whether no other glyph stands on the glyph's line within one character of it. */
    private static boolean isolated(Glyph g, List<Glyph> all) {
        for (Glyph o : all) {
            if (o == g || Math.abs(o.y() - g.y()) > 0.4 * g.size()) continue;
            double gap = o.x() >= g.x() ? o.x() - g.end() : g.x() - o.end();
            if (gap < 1.0 * g.size()) return false;
        }
        return true;
    }

    /** Glyphs into lines (by baseline) of fragments (split where the gap is wider than most of a character). */
    private static List<List<Fragment>> lines(List<Glyph> gs) {
        List<Glyph> sorted = new ArrayList<>(gs);
        sorted.sort(Comparator.comparingDouble(Glyph::y).thenComparingDouble(Glyph::x));
        List<List<Glyph>> rawLines = new ArrayList<>();
        List<Glyph> current = null;
        double lineY = 0;
        double lineSize = 0;
        for (Glyph g : sorted) {
            if (current == null || g.y() - lineY > 0.35 * Math.max(Math.min(lineSize, g.size()), 1)) {
                current = new ArrayList<>();
                rawLines.add(current);
                lineY = g.y();
                lineSize = g.size();
            }
            current.add(g);
            lineSize = Math.max(lineSize, g.size());
        }
        List<List<Fragment>> out = new ArrayList<>();
        for (List<Glyph> line : rawLines) {
            line.sort(Comparator.comparingDouble(Glyph::x));
            List<Fragment> fragments = new ArrayList<>();
            Fragment f = null;
            for (Glyph g : line) {
                if (f != null) {
                    Glyph prev = f.glyphs.getLast();
                    if (g.x() < prev.x() + 0.2 * prev.size() && g.text().equals(prev.text())) continue; // overprinted (fake bold)
                    double gap = g.x() - prev.end();
                    if (gap > 0.8 * Math.max(prev.size(), g.size())) f = null;
                }
                if (f == null) {
                    f = new Fragment();
                    fragments.add(f);
                }
                f.glyphs.add(g);
            }
            for (Fragment fr : fragments) {
                fr.text = text(fr.glyphs);
                fr.value = CellValues.looksLikeValue(simplifiedValueChars(fr.text));
            }
            out.add(fragments);
        }
        return out;
    }

    private static String text(List<Glyph> glyphs) {
        StringBuilder sb = new StringBuilder();
        Glyph prev = null;
        for (Glyph g : glyphs) {
            if (prev != null && !isWide(prev.text()) && !isWide(g.text()) && g.x() - prev.end() > 0.25 * g.size()) sb.append(' ');
            sb.append(g.text());
            prev = g;
        }
        return sb.toString().strip();
    }

    // ---- page chrome ----

    /** Drops page numbers and the header or footer lines that repeat at the top or bottom of most pages. */
    private static void dropChrome(Map<Integer, List<List<Fragment>>> lines, PDDocument doc, List<String> warnings) {
        int pages = lines.size();
        Map<String, Integer> edgeCounts = new HashMap<>();
        Map<Integer, List<List<Fragment>>> edges = new HashMap<>();
        for (Map.Entry<Integer, List<List<Fragment>>> e : lines.entrySet()) {
            PDPage page = doc.getPage(e.getKey() - 1);
            PDRectangle box = page.getCropBox();
            double height = (page.getRotation() % 180 == 0) ? box.getHeight() : box.getWidth();
            List<List<Fragment>> pageLines = e.getValue();
            List<List<Fragment>> edge = new ArrayList<>();
            for (int i = 0; i < pageLines.size(); i++) {
                List<Fragment> line = pageLines.get(i);
                double y = line.getFirst().y();
                boolean atEdge = y < 0.1 * height || y > 0.9 * height || i == 0 || i == pageLines.size() - 1;
                if (atEdge) edge.add(line);
            }
            edges.put(e.getKey(), edge);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (List<Fragment> line : edge) if (seen.add(chromeKey(line))) edgeCounts.merge(chromeKey(line), 1, Integer::sum);
        }
        int pageNumbers = 0;
        int repeated = 0;
        for (Map.Entry<Integer, List<List<Fragment>>> e : lines.entrySet()) {
            PDPage page = doc.getPage(e.getKey() - 1);
            PDRectangle box = page.getCropBox();
            double height = (page.getRotation() % 180 == 0) ? box.getHeight() : box.getWidth();
            List<List<Fragment>> edge = edges.get(e.getKey());
            List<List<Fragment>> keep = new ArrayList<>();
            for (List<Fragment> line : e.getValue()) {
                boolean isEdge = edge.contains(line);
                String text = lineText(line);
                double y = line.getFirst().y();
                boolean nearEdge = y < 0.12 * height || y > 0.88 * height;
                if (isEdge && PAGE_NUMBER.matcher(text).matches() && (DASHED.matcher(text).matches() || (nearEdge && line.size() == 1))) {
                    pageNumbers++;
                    continue;
                }
                int count = edgeCounts.getOrDefault(chromeKey(line), 0);
                if (isEdge && nearEdge && count >= 2 && count * 2 > pages && !line.stream().allMatch(f -> f.value)) {
                    repeated++;
                    continue;
                }
                keep.add(line);
            }
            e.setValue(keep);
        }
        if (repeated > 0) warnings.add("PDF_CHROME_DROPPED: " + repeated + " header or footer lines repeated across pages were dropped");
    }

    private static String chromeKey(List<Fragment> line) {
        return lineText(line).replaceAll("\\d+", "#").replaceAll("\\s+", "");
    }

    private static String lineText(List<Fragment> line) {
        StringBuilder sb = new StringBuilder();
        for (Fragment f : line) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(f.text);
        }
        return sb.toString();
    }

    // ---- rows ----

    /** A line whose fragments after the first value are all values: a table row (its labels may stand on other lines). */
    private static final class Row {
        final double y;
        final List<Fragment> values = new ArrayList<>();
        final List<Fragment> labels = new ArrayList<>();
        /** The value cells with blanks in place, once aligned; null: the values as they stand. */
        List<String> cells;

        Row(double y) {
            this.y = y;
        }

        double firstValueX() {
            return values.getFirst().x();
        }

        double size() {
            double s = 0;
            for (Fragment f : values) s = Math.max(s, f.size());
            return s;
        }
    }

    /** The value columns of the table a page ends in, for the rows that continue it on the next page. */
    private static final class Grid {
        Row widest;

        Grid(Row widest) {
            this.widest = widest;
        }
    }

    private static List<Item> rows(List<List<Fragment>> lines, Grid carried, List<PdfRulings.Vertical> rules) {
        List<Row> rows = new ArrayList<>();
        List<List<Fragment>> textLines = new ArrayList<>();
        for (List<Fragment> line : lines) {
            int first = -1;
            for (int i = 0; i < line.size(); i++) {
                if (line.get(i).value) {
                    first = i;
                    break;
                }
            }
            boolean row = first >= 0;
            for (int i = Math.max(first, 0); row && i < line.size(); i++) row = line.get(i).value;
            // one value alone in a long line of text is narrative ("2023" before a sentence set apart)
            if (row && first > 0 && line.size() - first == 1 && line.get(first - 1).text.length() > 40) row = false;
            if (row) {
                Row r = new Row(line.get(first).y());
                r.values.addAll(line.subList(first, line.size()));
                r.labels.addAll(line.subList(0, first));
                rows.add(r);
            } else {
                textLines.add(line);
            }
        }
        // label fragments on lines of their own belong to the nearest row whose values stand to their right
        List<Item> items = new ArrayList<>();
        for (List<Fragment> line : textLines) {
            List<Fragment> rest = new ArrayList<>();
            for (Fragment f : line) {
                Row best = null;
                double bestDist = Double.MAX_VALUE;
                for (Row r : rows) {
                    double d = Math.abs(f.y() - r.y);
                    if (d < bestDist) {
                        bestDist = d;
                        best = r;
                    }
                }
                if (best != null && bestDist <= 1.3 * Math.min(best.size(), f.size()) && f.end() <= best.firstValueX() + 0.5 * f.size()) {
                    best.labels.add(f);
                } else {
                    rest.add(f);
                }
            }
            if (!rest.isEmpty()) items.add(new Item(rest.getFirst().y(), cells(rest)));
        }
        // in a ruled table each value has its cell between two rules, and a blank cell is a cell with no glyph
        for (Row r : rows) ruled(r, rules);
        // rows with no line of text between them are one table: a blank cell is placed by the widest row's columns
        List<Object> order = new ArrayList<>(items);
        order.addAll(rows);
        order.sort(Comparator.comparingDouble(o -> o instanceof Row r ? r.y : ((Item) o).y()));
        List<List<Row>> blocks = new ArrayList<>();
        List<Row> block = null;
        boolean continuing = !order.isEmpty() && order.getFirst() instanceof Row;
        for (Object o : order) {
            if (o instanceof Row r) {
                if (block == null) {
                    block = new ArrayList<>();
                    blocks.add(block);
                }
                block.add(r);
            } else {
                block = null;
            }
        }
        Row lastWidest = null;
        for (int b = 0; b < blocks.size(); b++) {
            Row widest = null;
            for (Row r : blocks.get(b)) if (widest == null || r.values.size() > widest.values.size()) widest = r;
            if (b == 0 && continuing && carried.widest != null && carried.widest.values.size() > widest.values.size()) widest = carried.widest;
            for (Row r : blocks.get(b)) align(r, widest);
            lastWidest = widest;
        }
        carried.widest = !order.isEmpty() && order.getLast() instanceof Row ? lastWidest : null;
        for (Row r : rows) items.addAll(rowItems(r));
        return items;
    }

    /**
     * Places a row's values in the cells the table's vertical rules make at the row's height: the cells
     * right of the last one holding a label are its value cells, in order, blank where no value stands.
     * Left as it is when the rules do not give one value per cell.
     */
    private static void ruled(Row r, List<PdfRulings.Vertical> rules) {
        List<Double> xs = new ArrayList<>();
        for (PdfRulings.Vertical v : rules) if (v.y0() - 1 <= r.y && r.y <= v.y1() + 1) xs.add(v.x());
        if (xs.size() < 2) return;
        xs.sort(Double::compare);
        List<Double> bounds = new ArrayList<>();
        for (double x : xs) if (bounds.isEmpty() || x - bounds.getLast() > 3) bounds.add(x);
        if (bounds.size() < 2) return;
        int lastLabel = -1;
        for (Fragment f : r.labels) {
            int c = cellOf(bounds, (f.x() + f.end()) / 2);
            if (c >= 0) lastLabel = Math.max(lastLabel, c);
        }
        int cellCount = bounds.size() - 1;
        String[] cells = new String[cellCount - lastLabel - 1];
        if (cells.length < r.values.size()) return;
        for (Fragment v : r.values) {
            int c = cellOf(bounds, (v.x() + v.end()) / 2) - lastLabel - 1;
            if (c < 0 || c >= cells.length || cells[c] != null) return;
            if (v.x() < bounds.get(c + lastLabel + 1) - 1 || v.end() > bounds.get(c + lastLabel + 2) + 1) return; // straddles a rule
            cells[c] = v.text;
        }
        if (cells.length == r.values.size()) return; // nothing blank: the values as they stand
        r.cells = new ArrayList<>();
        for (String c : cells) r.cells.add(c == null ? "" : c);
    }

    private static int cellOf(List<Double> bounds, double x) {
        for (int i = 0; i + 1 < bounds.size(); i++) if (bounds.get(i) <= x && x < bounds.get(i + 1)) return i;
        return -1;
    }

    /**
     * Places a row's values under the widest row's columns when it has fewer (its blank cells print no
     * glyph): each value goes to the column whose centre is nearest, if that is well within the column
     * spacing and no two values share a column; otherwise the row is left as it is.
     */
    private static void align(Row r, Row widest) {
        int n = widest.values.size();
        if (r == widest || r.cells != null || widest.cells != null || r.values.size() >= n) return;
        double[] centres = new double[n];
        for (int i = 0; i < n; i++) centres[i] = (widest.values.get(i).x() + widest.values.get(i).end()) / 2;
        double spacing = Double.MAX_VALUE;
        for (int i = 1; i < n; i++) spacing = Math.min(spacing, centres[i] - centres[i - 1]);
        String[] cells = new String[n];
        int last = -1;
        for (Fragment v : r.values) {
            double c = (v.x() + v.end()) / 2;
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                double d = Math.abs(c - centres[i]);
                if (d < bestDist) {
                    bestDist = d;
                    best = i;
                }
            }
            if (best <= last || n > 1 && bestDist > 0.35 * spacing) return;
            cells[best] = v.text;
            last = best;
        }
        r.cells = new ArrayList<>();
        for (String c : cells) r.cells.add(c == null ? "" : c);
    }

    /** A row as lines: each row-group label on its own line, then the row's label and its values after TABs. */
    private static List<Item> rowItems(Row r) {
        // label fragments into columns: fragments whose horizontal extents overlap are one cell
        List<Fragment> labels = new ArrayList<>(r.labels);
        labels.sort(Comparator.comparingDouble(Fragment::x));
        List<List<Fragment>> columns = new ArrayList<>();
        double columnEnd = Double.NEGATIVE_INFINITY;
        for (Fragment f : labels) {
            if (columns.isEmpty() || f.x() >= columnEnd - 0.1 * f.size()) {
                columns.add(new ArrayList<>());
                columnEnd = f.end();
            } else {
                columnEnd = Math.max(columnEnd, f.end());
            }
            columns.getLast().add(f);
        }
        List<Item> out = new ArrayList<>();
        String label = "";
        for (int c = 0; c < columns.size(); c++) {
            List<Fragment> column = columns.get(c);
            column.sort(Comparator.comparingDouble(Fragment::y).thenComparingDouble(Fragment::x));
            StringBuilder sb = new StringBuilder();
            for (Fragment f : column) {
                if (!sb.isEmpty() && !isWide(sb.substring(sb.length() - 1)) && !isWide(f.text.substring(0, 1))) sb.append(' ');
                sb.append(f.text);
            }
            if (c < columns.size() - 1) out.add(new Item(r.y - 0.001 * (columns.size() - c), sb.toString()));
            else label = sb.toString();
        }
        StringBuilder line = new StringBuilder(label);
        List<String> cells = r.cells != null ? r.cells : r.values.stream().map(v -> v.text).toList();
        for (int i = 0; i < cells.size(); i++) {
            if (!line.isEmpty() || i > 0) line.append('\t');
            line.append(cells.get(i));
        }
        out.add(new Item(r.y, line.toString()));
        return out;
    }

    private static String cells(List<Fragment> line) {
        StringBuilder sb = new StringBuilder();
        for (Fragment f : line) {
            if (!sb.isEmpty()) sb.append('\t');
            sb.append(f.text);
        }
        return sb.toString();
    }

    // ---- characters ----

    /** A CJK ideograph, kana, hangul or full-width form: one character takes a full em. */
    static boolean isWide(String s) {
        if (s.isEmpty()) return false;
        int cp = s.codePointAt(0);
        return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFF)
                || (cp >= 0x3000 && cp <= 0x303F);
    }

    /** The traditional characters of value cells (減39項, 無, 萬元) as simplified, which the value test knows; the normaliser converts the rest. */
    static String simplifiedValueChars(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            sb.append(switch (ch) {
                case '減' -> '减';
                case '無' -> '无';
                case '項' -> '项';
                case '萬' -> '万';
                case '個' -> '个';
                case '條' -> '条';
                case '億' -> '亿';
                default -> ch;
            });
        }
        return sb.toString();
    }

    private static boolean mapped(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) || Character.getType(cp) == Character.CONTROL) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    private static String join(List<Integer> pages) {
        StringBuilder sb = new StringBuilder();
        for (int p : pages) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(p);
        }
        return sb.toString();
    }
}
