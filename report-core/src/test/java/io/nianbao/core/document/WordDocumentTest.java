package io.nianbao.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.template.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/** A 2021-template report written as .docx with POI (merged cells as Word writes them), read back. */
class WordDocumentTest {

    /** A cell of a table being written: text, columns spanned, and its vertical merge (null, restart, continue). */
    private record C(String text, int span, STMerge.Enum vMerge) {
        static C of(Object text) {
            return new C(String.valueOf(text), 1, null);
        }

        static C span(String text, int span) {
            return new C(text, span, null);
        }

        static C top(String text, int span) {
            return new C(text, span, STMerge.RESTART);
        }

        static C below(int span) {
            return new C("", span, STMerge.CONTINUE);
        }
    }

    private static void table(XWPFDocument doc, List<List<C>> rows) {
        XWPFTable t = doc.createTable();
        boolean first = true;
        for (List<C> cells : rows) {
            XWPFTableRow row = first ? t.getRow(0) : t.createRow();
            while (row.getTableCells().size() > 1) row.removeCell(row.getTableCells().size() - 1);
            for (int i = 0; i < cells.size(); i++) {
                C c = cells.get(i);
                XWPFTableCell cell = i == 0 ? row.getCell(0) : row.addNewTableCell();
                if (!c.text().isEmpty()) cell.setText(c.text());
                CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
                if (c.span() > 1) pr.addNewGridSpan().setVal(BigInteger.valueOf(c.span()));
                if (c.vMerge() == STMerge.RESTART) pr.addNewVMerge().setVal(STMerge.RESTART);
                else if (c.vMerge() == STMerge.CONTINUE) pr.addNewVMerge();
            }
            first = false;
        }
    }

    /** The applicant cells of a row: distinct per row and column, the total their sum. */
    static List<Integer> values(int rowIndex) {
        List<Integer> v = new ArrayList<>();
        int sum = 0;
        for (int c = 0; c < 6; c++) {
            int x = (rowIndex * 7 + c * 3) % 11;
            v.add(x);
            sum += x;
        }
        v.add(sum);
        return v;
    }

    static byte[] report2021() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("萍乡市安源区人民政府2022年政府信息公开工作年度报告");
            doc.createParagraph().createRun().setText("一、总体情况");
            doc.createParagraph().createRun().setText("2022年，安源区人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。");
            doc.createParagraph().createRun().setText("二、主动公开政府信息情况");
            table(doc, List.of(
                    List.of(C.span("第二十条第（一）项", 4)),
                    List.of(C.of("信息内容"), C.of("本年制发件数"), C.of("本年废止件数"), C.of("现行有效件数")),
                    List.of(C.of("规章"), C.of(1), C.of(0), C.of(3)),
                    List.of(C.of("行政规范性文件"), C.of(12), C.of(4), C.of(57)),
                    List.of(C.span("第二十条第（五）项", 4)),
                    List.of(C.of("信息内容"), C.span("本年处理决定数量", 3)),
                    List.of(C.of("行政许可"), C.span("1830", 3)),
                    List.of(C.span("第二十条第（六）项", 4)),
                    List.of(C.of("信息内容"), C.span("本年处理决定数量", 3)),
                    List.of(C.of("行政处罚"), C.span("4119", 3)),
                    List.of(C.of("行政强制"), C.span("195", 3)),
                    List.of(C.span("第二十条第（八）项", 4)),
                    List.of(C.of("信息内容"), C.span("本年收费金额（单位：万元）", 3)),
                    List.of(C.of("行政事业性收费"), C.span("34.5", 3))));
            doc.createParagraph().createRun().setText("三、收到和处理政府信息公开申请情况");
            List<List<C>> rows = new ArrayList<>();
            rows.add(List.of(C.top("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3), C.span("申请人情况", 7)));
            rows.add(List.of(C.below(3), C.top("自然人", 1), C.span("法人或其他组织", 5), C.top("总计", 1)));
            rows.add(List.of(C.below(3), C.below(1), C.of("商业企业"), C.of("科研机构"), C.of("社会公益组织"), C.of("法律服务机构"), C.of("其他"), C.below(1)));
            List<ApplicationRow> dataRows = ApplicationRow.rowsOf(Template.T2021);
            String groupAbove = null;
            for (int r = 0; r < dataRows.size(); r++) {
                ApplicationRow row = dataRows.get(r);
                List<C> cells = new ArrayList<>();
                boolean inResults = row.kind() == ApplicationRow.Kind.RESULT || row.kind() == ApplicationRow.Kind.OTHER_SUB_ROW
                        || row.kind() == ApplicationRow.Kind.RESULTS_TOTAL;
                boolean subRow = row.label().matches("^\\d\\..*");
                if (!inResults) {
                    cells.add(C.span(row.label(), 3));
                } else {
                    cells.add(row == ApplicationRow.GRANTED ? C.top("三、本年度办理结果", 1) : C.below(1));
                    if (!subRow) {
                        if (row == ApplicationRow.OTHER_DISPOSAL) {
                            cells.add(C.top(row.label(), 1));
                            groupAbove = row.label();
                            // 2021: （六）其他处理 heads its three sub-rows and carries no values
                            cells.add(C.of(""));
                            rows.add(cells);
                            continue;
                        }
                        cells.add(C.span(row.label(), 2));
                        groupAbove = null;
                    } else {
                        boolean opens = row.groupLabel() != null;
                        if (opens) groupAbove = row.groupLabel();
                        cells.add(opens ? C.top(row.groupLabel(), 1) : C.below(1));
                        cells.add(C.of(row.label()));
                    }
                }
                for (int v : values(r)) cells.add(C.of(v));
                rows.add(cells);
            }
            table(doc, rows);
            doc.createParagraph().createRun().setText("四、政府信息公开行政复议、行政诉讼情况");
            List<C> h3 = new ArrayList<>();
            List<C> data = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                for (ReviewBlock.Column c : ReviewBlock.Column.ALL) h3.add(C.of(c.label()));
            }
            int[] review = {3, 1, 0, 1, 5, 2, 0, 1, 0, 3, 0, 1, 0, 0, 1};
            for (int v : review) data.add(C.of(v));
            table(doc, List.of(
                    List.of(C.top("行政复议", 5), C.span("行政诉讼", 10)),
                    List.of(C.below(5), C.span("未经复议直接起诉", 5), C.span("复议后起诉", 5)),
                    h3, data));
            doc.createParagraph().createRun().setText("五、存在的主要问题及改进情况");
            doc.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void docxReportParsesCellByCell() throws Exception {
        byte[] body = report2021();
        assertThat(DocumentFormat.detect(body, null, null)).isEqualTo(DocumentFormat.DOCX);
        DocumentText d = DocumentReader.read(body, "application/octet-stream", null, "report.docx");
        assertThat(d.format()).isEqualTo(DocumentFormat.DOCX);
        // a vertically merged continuation is an empty cell; a horizontally merged cell comes once
        assertThat(d.text().lines()).contains("三、本年度办理结果\t（一）予以公开\t" + tabbed(values(2)));
        assertThat(d.text().lines()).contains("\t\t2.其他法律行政法规禁止公开\t" + tabbed(values(5)));
        assertThat(d.text().lines()).contains("行政许可\t1830");

        ParsedReport r = new ReportParser().parse("docx", d, ReportHints.NONE);
        assertThat(r.reportYear()).isEqualTo(2022);
        assertThat(r.template()).isEqualTo(Template.T2021);
        assertThat(r.activeDisclosure().value("normativeDocuments", "inForce")).isEqualTo(57.0);
        assertThat(r.activeDisclosure().value("licensing", "decisions")).isEqualTo(1830.0);
        assertThat(r.activeDisclosure().value("fees", "amountWan")).isEqualTo(34.5);
        assertThat(r.activeDisclosure().value("coercion", "decisions")).isEqualTo(195.0);
        List<ApplicationRow> dataRows = ApplicationRow.rowsOf(Template.T2021);
        for (int i = 0; i < dataRows.size(); i++) {
            ApplicationRow row = dataRows.get(i);
            if (row == ApplicationRow.OTHER_DISPOSAL) continue; // derived from its sub-rows, checked below
            List<Integer> expected = values(i);
            for (int c = 0; c < ApplicantColumn.ALL.size(); c++) {
                assertThat(r.applications().value(row.path(), ApplicantColumn.ALL.get(c).id())).as(row.path() + "." + ApplicantColumn.ALL.get(c).id())
                        .isEqualTo((double) expected.get(c));
            }
        }
        int o = dataRows.indexOf(ApplicationRow.OVERDUE_CORRECTION);
        assertThat(r.applications().value("results.otherDisposal", "total"))
                .isEqualTo((double) (values(o).get(6) + values(o + 1).get(6) + values(o + 2).get(6)));
        assertThat(r.reviewLitigation().value("administrativeReview", "upheld")).isEqualTo(3.0);
        assertThat(r.reviewLitigation().value("administrativeReview", "total")).isEqualTo(5.0);
        assertThat(r.reviewLitigation().value("litigationDirect", "total")).isEqualTo(3.0);
        assertThat(r.reviewLitigation().value("litigationAfterReview", "total")).isEqualTo(1.0);
        assertThat(r.warnings()).noneMatch(w -> w.startsWith("ROWS_NOT_FOUND") || w.startsWith("SECTION_NOT_FOUND") || w.startsWith("ROW_TOO"));
    }

    private static String tabbed(List<Integer> v) {
        return String.join("\t", v.stream().map(String::valueOf).toList());
    }

    @Test
    void oldStyleHorizontalMergeComesOnce() throws Exception {
        byte[] body;
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFTable t = doc.createTable(1, 4);
            XWPFTableRow row = t.getRow(0);
            row.getCell(0).setText("行政许可");
            row.getCell(1).setText("1830");
            row.getCell(1).getCTTc().addNewTcPr().addNewHMerge().setVal(STMerge.RESTART);
            row.getCell(2).getCTTc().addNewTcPr().addNewHMerge();
            row.getCell(3).setText("7");
            doc.write(out);
            body = out.toByteArray();
        }
        assertThat(DocumentReader.read(body, null, null, "t.docx").text()).isEqualTo("行政许可\t1830\t7\n");
    }

    @Test
    void zipThatIsNotWordIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> DocumentReader.read(bytes.toByteArray(), "application/octet-stream", null, "book.xlsx"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("not a Word document");
    }

    @Test
    void corruptDocxIsRefused() throws Exception {
        byte[] body = report2021();
        byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
        assertThatThrownBy(() -> DocumentReader.read(cut, DocumentFormat.DOCX.mediaType(), null, "r.docx"))
                .isInstanceOf(UnreadableDocumentException.class);
    }

    @Test
    void ole2FileThatIsNotAWordDocumentIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[600]), "Workbook");
            fs.writeFilesystem(bytes);
        }
        assertThat(DocumentFormat.detect(bytes.toByteArray(), null, null)).isEqualTo(DocumentFormat.DOC);
        assertThatThrownBy(() -> DocumentReader.read(bytes.toByteArray(), null, null, "x.doc"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("not a Word document");
    }
}
