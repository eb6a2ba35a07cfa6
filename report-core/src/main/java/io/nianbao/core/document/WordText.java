package io.nianbao.core.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.hwpf.usermodel.Table;
import org.apache.poi.hwpf.usermodel.TableCell;
import org.apache.poi.hwpf.usermodel.TableRow;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTVMerge;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/**
 * Word documents as lines: paragraphs in order, each table row as one line (its cells after TABs; a
 * horizontally merged cell once, the continuation of a vertically merged cell empty).
 */
final class WordText {

    private WordText() {
    }

    static DocumentText docx(byte[] body) throws UnreadableDocumentException {
        if (!DocumentFormat.isWordZip(body)) {
            throw new UnreadableDocumentException("a ZIP archive without word/document.xml: not a Word document (.docx)");
        }
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(body))) {
            StringBuilder out = new StringBuilder();
            for (IBodyElement e : doc.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    String text = p.getText().replace('\t', ' ').strip();
                    if (!text.isEmpty()) out.append(text).append('\n');
                } else if (e instanceof XWPFTable t) {
                    table(t, out);
                }
            }
            int pages = 0;
            try {
                pages = doc.getProperties().getExtendedProperties().getPages();
            } catch (RuntimeException e) {
                // no app.xml: pages unknown
            }
            return new DocumentText(out.toString(), DocumentFormat.DOCX, List.of(), pages);
        } catch (EncryptedDocumentException e) {
            throw new UnreadableDocumentException("Word document is encrypted with a password; it cannot be read", e);
        } catch (NotOfficeXmlFileException e) {
            throw new UnreadableDocumentException("Word document (.docx) is corrupt: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("Word document (.docx) is corrupt: " + e.getMessage(), e);
        }
    }

    private static void table(XWPFTable t, StringBuilder out) {
        for (XWPFTableRow row : t.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                if (continuesHorizontalMerge(cell)) continue; // the old-style merge: the merged cell is there once
                cells.add(continuesVerticalMerge(cell) ? "" : cellText(cell));
            }
            while (!cells.isEmpty() && cells.getLast().isEmpty()) cells.removeLast();
            if (cells.isEmpty()) continue;
            out.append(String.join("\t", cells)).append('\n');
        }
    }

    /** A cell's paragraphs joined: a label wrapped over lines in its cell is one label. Nested tables are read too. */
    private static String cellText(XWPFTableCell cell) {
        StringBuilder sb = new StringBuilder();
        for (XWPFParagraph p : cell.getParagraphs()) sb.append(p.getText().replace('\t', ' ').strip());
        for (XWPFTable nested : cell.getTables()) {
            StringBuilder inner = new StringBuilder();
            table(nested, inner);
            sb.append(inner.toString().replace('\n', ' ').replace('\t', ' ').strip());
        }
        return sb.toString().strip();
    }

    private static boolean continuesHorizontalMerge(XWPFTableCell cell) {
        CTTcPr pr = cell.getCTTc().getTcPr();
        if (pr == null || !pr.isSetHMerge()) return false;
        return pr.getHMerge().getVal() == null || pr.getHMerge().getVal() == STMerge.CONTINUE;
    }

    private static boolean continuesVerticalMerge(XWPFTableCell cell) {
        CTTcPr pr = cell.getCTTc().getTcPr();
        if (pr == null || !pr.isSetVMerge()) return false;
        CTVMerge merge = pr.getVMerge();
        return merge.getVal() == null || merge.getVal() == STMerge.CONTINUE;
    }

    /** Word 97–2003 (.doc) through HWPF: paragraphs, and each table row as one line. */
    static DocumentText doc(byte[] body) throws UnreadableDocumentException {
        POIFSFileSystem fs;
        try {
            fs = new POIFSFileSystem(new ByteArrayInputStream(body));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("OLE2 (.doc) file is corrupt: " + e.getMessage(), e);
        }
        try (fs) {
            if (!fs.getRoot().hasEntry("WordDocument")) {
                throw new UnreadableDocumentException("an OLE2 file without a WordDocument stream: not a Word document (.doc; Excel and PowerPoint files are not read)");
            }
            if (fs.getRoot().hasEntry("EncryptionInfo")) {
                throw new UnreadableDocumentException("Word document is encrypted with a password; it cannot be read");
            }
            try (HWPFDocument doc = new HWPFDocument(fs)) {
                Range range = doc.getRange();
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < range.numParagraphs(); i++) {
                    Paragraph p = range.getParagraph(i);
                    if (p.isInTable()) {
                        Table t = range.getTable(p);
                        for (int r = 0; r < t.numRows(); r++) {
                            TableRow row = t.getRow(r);
                            List<String> cells = new ArrayList<>();
                            for (int c = 0; c < row.numCells(); c++) {
                                TableCell cell = row.getCell(c);
                                cells.add(cell.isVerticallyMerged() && !cell.isFirstVerticallyMerged() ? "" : clean(cell.text()));
                            }
                            while (!cells.isEmpty() && cells.getLast().isEmpty()) cells.removeLast();
                            if (!cells.isEmpty()) out.append(String.join("\t", cells)).append('\n');
                        }
                        i += t.numParagraphs() - 1;
                    } else {
                        String text = clean(p.text());
                        if (!text.isEmpty()) out.append(text).append('\n');
                    }
                }
                int pages = doc.getSummaryInformation() != null ? doc.getSummaryInformation().getPageCount() : 0;
                return new DocumentText(out.toString(), DocumentFormat.DOC, List.of(), pages);
            }
        } catch (EncryptedDocumentException e) {
            throw new UnreadableDocumentException("Word document is encrypted with a password; it cannot be read", e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("Word document (.doc) is corrupt or of an unsupported version: " + e.getMessage(), e);
        }
    }

    /** HWPF text without Word's cell marks, field codes' control characters and paragraph ends. */
    private static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\r' || ch == '\n' || ch == 0x0B || ch == '\t') sb.append(' ');
            else if (ch >= 0x20 || ch == 0) {
                if (ch != 0) sb.append(ch);
            }
        }
        return sb.toString().strip();
    }
}
