package io.nianbao.core.document;

import io.nianbao.core.tables.CellValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes a report's text (a TAB row per line for tables) as a PDF the way offices print them: ruled
 * tables whose labels wrap over lines with the values on the middle one, rows broken across pages, a
 * running header and a page number ({@code - n -}) on every page. For benchmarks and round-trip tests.
 * Chinese needs a CJK TrueType font ({@link #debianCjkFont()}); without one, text is written with
 * Helvetica and every character it cannot show becomes {@code X}.
 */
public final class ReportPdfWriter {

    /** TrueType CJK fonts of Debian packages (fonts-wqy-zenhei, fonts-wqy-microhei, fonts-droid-fallback, fonts-arphic-*). */
    private static final List<String> DEBIAN_CJK_FONTS = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/usr/share/fonts/truetype/arphic/ukai.ttc");

    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final float MARGIN = 64;
    private static final float TEXT_SIZE = 11;
    private static final float TEXT_LEADING = 17;
    private static final float CELL_SIZE = 8;
    private static final float CELL_LEADING = 10;
    private static final float VALUE_WIDTH = 36;
    private static final float GROUP_WIDTH = 64;
    private static final float PADDING = 4;

    private ReportPdfWriter() {
    }

    /** The first Debian CJK TrueType font installed, if any. */
    public static Optional<Path> debianCjkFont() {
        return DEBIAN_CJK_FONTS.stream().map(Path::of).filter(Files::isReadable).findFirst();
    }

    /** The text as a PDF, in the given TrueType font (.ttf or the first font of a .ttc), or Helvetica when null. */
    public static byte[] write(String text, Path font) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont pdFont = font == null ? new PDType1Font(Standard14Fonts.FontName.HELVETICA) : load(doc, font);
            new Pages(doc, pdFont, font == null, header(text)).write(text);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDFont load(PDDocument doc, Path font) throws IOException {
        if (font.toString().toLowerCase().endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(font.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(ttf -> {
                if (first[0] == null) first[0] = ttf;
            });
            return PDType0Font.load(doc, first[0], true);
        }
        return PDType0Font.load(doc, font.toFile());
    }

    private static String header(String text) {
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.contains("年度报告") && !s.contains("\t")) return s.length() > 40 ? s.substring(0, 40) : s;
        }
        return "政府信息公开工作年度报告";
    }

    /** The pages being written, with the position on the current one. */
    private static final class Pages {
        private final PDDocument doc;
        private final PDFont font;
        private final boolean latinOnly;
        private final String header;
        private PDPageContentStream cs;
        private float y;
        private int page;

        Pages(PDDocument doc, PDFont font, boolean latinOnly, String header) {
            this.doc = doc;
            this.font = font;
            this.latinOnly = latinOnly;
            this.header = header;
        }

        void write(String text) throws IOException {
            newPage();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    y -= TEXT_LEADING / 2;
                } else if (line.indexOf('\t') >= 0) {
                    row(line.split("\t", -1));
                } else {
                    paragraph(line.strip());
                }
            }
            cs.close();
        }

        private void newPage() throws IOException {
            if (cs != null) cs.close();
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page++;
            cs = new PDPageContentStream(doc, p);
            show(header, 9, MARGIN, HEIGHT - 40);
            String number = "- " + page + " -";
            show(number, 10, WIDTH / 2 - width(number, 10) / 2, 36);
            y = HEIGHT - MARGIN - 10;
        }

        private void paragraph(String text) throws IOException {
            for (String line : wrap(text, TEXT_SIZE, WIDTH - 2 * MARGIN)) {
                if (y < MARGIN + TEXT_LEADING) newPage();
                show(line, TEXT_SIZE, MARGIN, y - TEXT_SIZE);
                y -= TEXT_LEADING;
            }
        }

        /** A table row: label cells wrapped in their columns, value cells on the middle line, every cell ruled. */
        private void row(String[] cells) throws IOException {
            int firstValue = cells.length;
            for (int i = 0; i < cells.length; i++) {
                if (CellValues.looksLikeValue(cells[i].strip())) {
                    firstValue = i;
                    break;
                }
            }
            if (firstValue == cells.length) firstValue = Math.min(1, cells.length); // a header row: its first cell labels it
            int values = cells.length - firstValue;
            float area = WIDTH - 2 * MARGIN;
            // narrow value columns for the wide tables (section 三: 7, section 四: 15), wider ones for section 二's few
            float valueWidth = values == 0 ? 0 : Math.min(values <= 4 ? 3 * VALUE_WIDTH : VALUE_WIDTH, area * (firstValue == 0 ? 1f : 0.6f) / values);
            float labelArea = area - values * valueWidth;
            List<float[]> columns = new ArrayList<>(); // x, width
            float x = MARGIN;
            for (int i = 0; i < firstValue; i++) {
                float w = i < firstValue - 1 ? Math.min(GROUP_WIDTH, labelArea / firstValue) : labelArea - (x - MARGIN);
                columns.add(new float[] {x, w});
                x += w;
            }
            for (int i = 0; i < values; i++) {
                columns.add(new float[] {x, valueWidth});
                x += valueWidth;
            }
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < cells.length; i++) {
                List<String> w = wrap(cells[i].strip(), CELL_SIZE, columns.get(i)[1] - 2 * PADDING);
                wrapped.add(w);
                lines = Math.max(lines, w.size());
            }
            float height = lines * CELL_LEADING + 6;
            if (y - height < MARGIN) newPage();
            float top = y;
            for (int i = 0; i < cells.length; i++) {
                float[] c = columns.get(i);
                cs.addRect(c[0], top - height, c[1], height);
                List<String> w = wrapped.get(i);
                // the cell's lines centred on the row's middle
                float first = top - 3 - CELL_SIZE - (lines - w.size()) * CELL_LEADING / 2;
                for (int l = 0; l < w.size(); l++) {
                    String s = w.get(l);
                    float sx = i >= firstValue ? c[0] + (c[1] - width(s, CELL_SIZE)) / 2 : c[0] + PADDING;
                    show(s, CELL_SIZE, sx, first - l * CELL_LEADING);
                }
            }
            cs.setLineWidth(0.5f);
            cs.stroke();
            y = top - height;
        }

        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (!line.isEmpty() && width(line + ch, size) > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(ch);
                i += Character.charCount(cp);
            }
            if (!line.isEmpty() || out.isEmpty()) out.add(line.toString());
            return out;
        }

        private float width(String s, float size) throws IOException {
            return font.getStringWidth(printable(s)) / 1000 * size;
        }

        private void show(String s, float size, float x, float baseline) throws IOException {
            String p = printable(s);
            if (p.isEmpty()) return;
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(p);
            cs.endText();
        }

        private final java.util.Map<Integer, Boolean> shown = new java.util.HashMap<>();

        private String printable(String s) {
            if (!latinOnly) {
                // a character the font has no glyph for is written as ?
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < s.length(); ) {
                    int cp = s.codePointAt(i);
                    boolean ok = shown.computeIfAbsent(cp, c -> {
                        try {
                            font.encode(new String(Character.toChars(c)));
                            return true;
                        } catch (IOException | IllegalArgumentException e) {
                            return false;
                        }
                    });
                    if (ok) sb.appendCodePoint(cp);
                    else sb.append('?');
                    i += Character.charCount(cp);
                }
                return sb.toString();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                sb.append(ch >= 0x20 && ch < 0x7F ? ch : 'X');
            }
            return sb.toString();
        }
    }
}
