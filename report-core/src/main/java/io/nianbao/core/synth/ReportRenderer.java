package io.nianbao.core.synth;

import io.nianbao.core.model.Cell;
import io.nianbao.core.model.Table;
import io.nianbao.core.normalise.ChineseScript;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.DisclosureColumn;
import io.nianbao.core.template.DisclosureRow;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.template.Template;
import io.nianbao.core.template.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a {@link SyntheticReport} as a published page would show it: in one of the layouts seen in the
 * wild, simplified or traditional, as text or HTML, with page chrome around it and the usual variations
 * (missing markers, signed changes, amounts with and without 万元, full-width brackets, spaced labels).
 */
public final class ReportRenderer {

    /** The layouts the parser must read; each mirrors one of the real samples, plus HTML tables. */
    public enum Layout {
        TAB_PREFIXED_CELLS, PIPE_TERMINATED_CELLS, INDENTED_CELLS, PIPE_ROWS, TAB_ROWS,
        /** TAB rows as 004 has them: section 三's merged label column left as an empty cell, a TAB at the end of each row. */
        TAB_ROWS_SPANNED,
        HTML,
        /** A web archive's text: crawler header lines, then the whole body on one line, each row's cells run together (stray spaces now and then). */
        FLATTENED,
        /** PDF converted to markdown by other tools: one small table per row under generic headers (数据1…), section 四 as three 5-column tables, page footers. */
        MARKDOWN_MINI_TABLES,
        /** OCR output in pipe rows: O/〇 for 0, l/I for 1, (六) 其他 for （六）其他处理, brackets of both widths. */
        OCR_PIPE_ROWS,
        /** A CMS page that writes the report's HTML from a JavaScript string literal (escaped quotes, \\n, \\uXXXX). */
        HTML_IN_SCRIPT;

        /** Whether every cell comes back exactly; a flattened run may leave a row undecided (then with a warning naming it). */
        public boolean exact() {
            return this != FLATTENED;
        }
    }

    private static final List<String> PARAGRAPHS = List.of(
            "（一）主动公开情况。严格落实政府信息公开条例，围绕重点领域信息公开要求，通过政府门户网站、政务新媒体、政务公开栏等渠道及时公开政策文件、规划计划、财政预决算、重大项目建设等信息，主动回应社会关切。",
            "（二）依申请公开情况。进一步规范依申请公开受理、审查、答复等环节，严格按照法定时限答复，答复文书格式统一规范，切实保障公民、法人和其他组织依法获取政府信息的权利。",
            "（三）政府信息管理情况。建立健全信息公开前保密审查机制，严格执行“先审查、后公开”和“一事一审”制度，动态调整主动公开基本目录，做好政策文件清理工作。",
            "（四）平台建设情况。持续推进政府网站集约化建设，优化栏目设置，完善智能搜索和互动交流功能，加强政务新媒体管理，做好信息发布、解读回应和办事服务。",
            "（五）监督保障情况。将政务公开工作纳入年度绩效考核，组织开展业务培训，定期通报检查情况，对发现的问题及时督促整改，确保各项工作落到实处。");

    private final Random random;
    private final int narrative;

    public ReportRenderer(long seed) {
        this(seed, 1);
    }

    /** @param narrative how many rounds of narrative paragraphs surround the tables (real reports: 10–20 KB in all) */
    public ReportRenderer(long seed, int narrative) {
        this.random = new Random(seed);
        this.narrative = narrative;
    }

    public String render(SyntheticReport r, Layout layout, boolean traditional) {
        Doc doc = new Doc(layout);
        if (layout == Layout.FLATTENED) {
            doc.out.append("标题: ").append(r.issuer()).append(r.reportYear()).append("年政府信息公开工作年度报告\n")
                    .append("发布时间: ").append(r.reportYear() + 1).append("-01-").append(10 + random.nextInt(18)).append(" 09:30\n")
                    .append("文号: \n栏目: 政府信息公开年报\n")
                    .append("原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/").append(r.reportYear() + 1).append("01/t").append(random.nextInt(99999)).append(".htm\n")
                    .append("==================== 正文 ====================\n");
        }
        doc.text(r.county() + "人民政府 | 设为首页 | 加入收藏");
        doc.text("当前位置: 首页 > 政府信息公开 > 年度报告");
        doc.text(r.issuer() + r.reportYear() + "年政府信息公开工作年度报告");
        doc.text("本报告所列数据的统计期限自" + r.reportYear() + "年1月1日起至" + r.reportYear() + "年12月31日止。本报告电子版可在"
                + r.county() + "政府门户网站下载。");
        doc.text("一、总体情况");
        doc.text(r.reportYear() + "年，" + r.issuer() + "认真贯彻落实政务公开工作要求，不断完善主动公开机制，依法办理依申请公开事项，政务公开工作取得新进展。");
        for (int i = 1; i < narrative; i++) PARAGRAPHS.forEach(doc::text);
        doc.text("二、主动公开政府信息情况");
        disclosure(doc, r);
        doc.text("三、收到和处理政府信息公开申请情况");
        applications(doc, r);
        doc.text("四、政府信息公开行政复议、行政诉讼情况");
        review(doc, r);
        doc.text("五、存在的主要问题及改进情况");
        doc.text("一是公开内容的深度还需加强；二是队伍建设有待加强。下一步将继续深化重点领域信息公开，加强培训。");
        doc.text("【打印此文】 【关闭窗口】");
        doc.text("主办: " + r.county() + "人民政府办公室");
        doc.text("XICP备" + (10000000 + random.nextInt(9000000)) + "号");
        String text = doc.toString();
        if (traditional) text = ChineseScript.toTraditional(text);
        return layout == Layout.HTML_IN_SCRIPT ? inScript(text) : text;
    }

    /** The page as a CMS writes it: the report's HTML in a JavaScript string, written by document.write. */
    private static String inScript(String html) {
        int start = html.indexOf("<body>") + "<body>".length();
        int end = html.lastIndexOf("</body>");
        String body = html.substring(start, end);
        StringBuilder js = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            switch (c) {
                case '"' -> js.append("\\\"");
                case '\\' -> js.append("\\\\");
                case '\n' -> js.append("\\n");
                case '/' -> js.append("\\/");
                default -> {
                    if (c > 0x7f && (i % 3 == 0)) js.append(String.format("\\u%04x", (int) c));
                    else js.append(c);
                }
            }
        }
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>政府信息公开</title>\n<script src=\"/js/jquery.min.js\"></script></head><body>\n"
                + "<div class=\"nav\">首页 &gt; 政府信息公开</div>\n<div id=\"content\"></div>\n<script type=\"text/javascript\">\nvar content = \"" + js
                + "\";\ndocument.getElementById(\"content\").innerHTML = content;\n</script>\n</body></html>\n";
    }

    // ---- sections ----

    private void disclosure(Doc doc, SyntheticReport r) {
        Template t = r.template();
        String previousBlock = null;
        for (DisclosureRow row : DisclosureRow.rowsOf(t)) {
            if (!row.block().equals(previousBlock)) {
                previousBlock = row.block();
                doc.header(List.of(brackets(row.block())));
                List<String> header = new ArrayList<>(List.of("信息内容"));
                for (DisclosureColumn c : row.columns(t)) header.add(columnLabel(c, t));
                doc.header(header);
            }
            List<String> cells = new ArrayList<>(List.of(t == Template.T2021 && row == DisclosureRow.NORMATIVE_DOCUMENTS ? "行政规范性文件" : row.label()));
            for (DisclosureColumn c : row.columns(t)) cells.add(value(r.activeDisclosure().get(row.id(), c.id()), c.kind(), doc.layout));
            doc.row(cells, 1);
        }
    }

    private String columnLabel(DisclosureColumn c, Template t) {
        if (t == Template.T2021 && c == DisclosureColumn.DECISIONS) return "本年处理决定数量";
        if (t == Template.T2021 && c == DisclosureColumn.AMOUNT_WAN) return "本年收费金额（单位：万元）";
        if (c == DisclosureColumn.TOTAL_PUBLISHED && random.nextBoolean()) return "对外公开 总数量";
        return c.label();
    }

    private void applications(Doc doc, SyntheticReport r) {
        doc.header(List.of("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"));
        doc.header(List.of("自然人", "法人或其他组织", "总计"));
        doc.header(List.of("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"));
        for (ApplicationRow row : ApplicationRow.rowsOf(r.template())) {
            List<String> labels = new ArrayList<>();
            if (row.groupLabel() != null) labels.add(brackets(row.groupLabel()));
            if (r.template() == Template.T2021 && row == ApplicationRow.OTHER_DISPOSAL) {
                // 2021: （六）其他处理 is the heading of the three sub-rows that follow
                continue;
            }
            if (row == ApplicationRow.OVERDUE_CORRECTION) labels.add(brackets("（六）其他处理"));
            String label = brackets(row.label());
            if (doc.layout == Layout.OCR_PIPE_ROWS && row == ApplicationRow.OTHER_DISPOSAL && random.nextBoolean()) label = "(六) 其他";
            labels.add(label);
            List<String> cells = new ArrayList<>(labels);
            for (ApplicantColumn c : ApplicantColumn.ALL) cells.add(value(r.applications().get(row.path(), c.id()), ValueKind.COUNT, doc.layout));
            doc.row(cells, labels.size(), labels.size() == 1);
        }
    }

    private void review(Doc doc, SyntheticReport r) {
        if (doc.layout == Layout.MARKDOWN_MINI_TABLES) {
            for (ReviewBlock block : ReviewBlock.ALL) {
                doc.closeTable();
                doc.header(List.of(block == ReviewBlock.ADMINISTRATIVE_REVIEW ? "行政复议" : "行政诉讼 " + block.label()));
                List<String> labels = new ArrayList<>();
                for (ReviewBlock.Column c : ReviewBlock.Column.ALL) labels.add(c.label());
                doc.header(labels);
                List<String> values = new ArrayList<>();
                for (ReviewBlock.Column c : ReviewBlock.Column.ALL) values.add(value(r.reviewLitigation().get(block.id(), c.id()), ValueKind.COUNT, doc.layout));
                doc.row(values, 0);
            }
            return;
        }
        doc.header(List.of("行政复议", "行政诉讼"));
        List<String> second = new ArrayList<>();
        for (ReviewBlock.Column c : ReviewBlock.Column.ALL) second.add(spaced(c.label()));
        second.add("未经复议直接起诉");
        second.add("复议后起诉");
        doc.header(second);
        List<String> third = new ArrayList<>();
        for (int i = 0; i < 2; i++) for (ReviewBlock.Column c : ReviewBlock.Column.ALL) third.add(spaced(c.label()));
        doc.header(third);
        List<String> values = new ArrayList<>();
        for (ReviewBlock block : ReviewBlock.ALL) {
            for (ReviewBlock.Column c : ReviewBlock.Column.ALL) values.add(value(r.reviewLitigation().get(block.id(), c.id()), ValueKind.COUNT, doc.layout));
        }
        doc.row(values, 0);
    }

    // ---- cells ----

    private String value(Cell cell, ValueKind kind, Layout layout) {
        if (cell == null || cell.value() == null) {
            // an empty cell only where the layout keeps its place (a separator, a line of its own)
            if (layout == Layout.FLATTENED) return ""; // an archive collapses an empty cell to nothing
            boolean emptyKeepsPlace = layout == Layout.TAB_ROWS || layout == Layout.TAB_ROWS_SPANNED || layout == Layout.PIPE_ROWS || layout == Layout.TAB_PREFIXED_CELLS
                    || layout == Layout.HTML || layout == Layout.HTML_IN_SCRIPT || layout == Layout.MARKDOWN_MINI_TABLES || layout == Layout.OCR_PIPE_ROWS;
            List<String> markers = emptyKeepsPlace ? List.of("", "/", "-", "无") : List.of("/", "-", "无", "—");
            return markers.get(random.nextInt(markers.size()));
        }
        double v = cell.value();
        if (layout == Layout.OCR_PIPE_ROWS && kind == ValueKind.COUNT) return ocr(number(v));
        return switch (kind) {
            case COUNT -> number(v);
            case SIGNED_CHANGE -> {
                if (v == 0) yield "0";
                String n = number(Math.abs(v));
                if (v > 0) yield List.of("增加 " + n, "增" + n + "项", "+" + n, n).get(random.nextInt(4));
                yield List.of("减" + n + "项", "减少" + n, "-" + n).get(random.nextInt(3));
            }
            case AMOUNT_WAN -> List.of(number(v) + "万元", number(v) + " 万元", number(v)).get(random.nextInt(3));
        };
    }

    private static String number(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Digits as OCR misreads them now and then. */
    private String ocr(String digits) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (c == '0' && random.nextInt(4) == 0) sb.append(random.nextBoolean() ? 'O' : '〇');
            else if (c == '1' && random.nextInt(4) == 0) sb.append(random.nextBoolean() ? 'l' : 'I');
            else sb.append(c);
        }
        String out = sb.toString();
        // the reader takes l and I for 1 only among real digits (alone they are as often a misread /)
        boolean realDigit = out.chars().anyMatch(Character::isDigit);
        return realDigit || out.chars().noneMatch(ch -> ch == 'l' || ch == 'I') ? out : digits;
    }

    private String brackets(String label) {
        return random.nextBoolean() ? label : label.replace('（', '(').replace('）', ')');
    }

    private String spaced(String label) {
        return random.nextInt(4) == 0 ? String.join(" ", label.split("")) : label;
    }

    // ---- layouts ----

    /** Accumulates the text in one layout. */
    private final class Doc {
        final Layout layout;
        final StringBuilder out = new StringBuilder();
        boolean inTable;

        Doc(Layout layout) {
            this.layout = layout;
            if (layout == Layout.HTML || layout == Layout.HTML_IN_SCRIPT) out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>政府信息公开</title></head><body>\n");
        }

        void text(String line) {
            closeTable();
            switch (layout) {
                case HTML, HTML_IN_SCRIPT -> out.append("<p>").append(escape(line)).append("</p>\n");
                case INDENTED_CELLS -> out.append("  ").append(line).append("\n\n");
                case FLATTENED -> out.append(line);
                case MARKDOWN_MINI_TABLES -> {
                    // other tools promote short sentences to headings and leave page footers in the text
                    if (line.length() < 40 && random.nextInt(3) == 0) out.append("## ");
                    out.append(line).append("\n\n");
                    if (random.nextInt(6) == 0) out.append("— ").append(1 + random.nextInt(9)).append(" —\n\n");
                }
                default -> out.append(line).append('\n');
            }
        }

        void header(List<String> cells) {
            row(cells, cells.size());
        }

        void row(List<String> cells, int labels) {
            row(cells, labels, false);
        }

        /** A table row: label cells first, then values; {@code spanned}: the row's label spans two columns. */
        void row(List<String> cells, int labels, boolean spanned) {
            openTable();
            switch (layout) {
                case TAB_ROWS -> out.append(String.join("\t", cells)).append('\n');
                case TAB_ROWS_SPANNED -> {
                    List<String> row = new ArrayList<>(cells);
                    if (spanned) row.add(labels, "");
                    if (labels == cells.size()) row.addFirst(""); // header rows start under the merged label columns
                    out.append(String.join("\t", row)).append(labels == 0 ? "\n" : "\t\n");
                }
                case PIPE_ROWS -> out.append(String.join(" | ", cells)).append(" |\n");
                case OCR_PIPE_ROWS -> {
                    List<String> mixed = new ArrayList<>();
                    for (String c : cells) mixed.add(random.nextBoolean() ? c.replace('（', '(').replace('）', ')') : c);
                    out.append(String.join(" | ", mixed)).append(" |\n");
                }
                case FLATTENED -> {
                    for (int i = 0; i < cells.size(); i++) {
                        if (i >= labels && random.nextInt(12) == 0) out.append(' '); // a stray space inside a run
                        out.append(cells.get(i));
                    }
                }
                case MARKDOWN_MINI_TABLES -> {
                    // one small table per row: a generic header, the rule, the row
                    if (labels < cells.size()) {
                        List<String> generic = new ArrayList<>();
                        for (int i = 0; i < cells.size(); i++) generic.add(i < labels ? "" : "数据" + (i - labels + 1));
                        out.append("| ").append(String.join(" | ", generic)).append(" |\n");
                        out.append("|").append("---|".repeat(cells.size())).append("\n");
                    }
                    out.append("| ").append(String.join(" | ", cells)).append(" |\n\n");
                }
                case TAB_PREFIXED_CELLS -> {
                    for (String c : cells) out.append('\t').append(c).append('\n');
                    out.append('\n');
                }
                case PIPE_TERMINATED_CELLS -> {
                    for (String c : cells) out.append(c).append(" |\n");
                    out.append("||||\n");
                }
                case INDENTED_CELLS -> {
                    for (String c : cells) out.append("  ").append(c).append("\n\n");
                }
                case HTML, HTML_IN_SCRIPT -> {
                    out.append("<tr>");
                    for (int i = 0; i < cells.size(); i++) {
                        String c = cells.get(i);
                        // now and then a label split across inline tags, as word processors export them
                        if (i < labels && c.length() > 3 && random.nextInt(3) == 0) {
                            int cut = c.length() / 2;
                            out.append("<td><span>").append(escape(c.substring(0, cut))).append("</span><span>").append(escape(c.substring(cut))).append("</span></td>");
                        } else if (random.nextInt(4) == 0) {
                            // pasted from Word: a styled span per character run, MsoNormal paragraphs, empty o:p tags
                            out.append("<td style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'><p class=MsoNormal align=center>");
                            for (int k = 0; k < c.length(); k++) {
                                out.append("<span style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>")
                                        .append(escape(c.substring(k, k + 1))).append("</span>");
                            }
                            out.append("<o:p></o:p></p></td>");
                        } else {
                            out.append("<td>").append(escape(c)).append("</td>");
                        }
                    }
                    out.append("</tr>\n");
                }
            }
        }

        private void openTable() {
            if (inTable) return;
            inTable = true;
            if (layout == Layout.HTML || layout == Layout.HTML_IN_SCRIPT) out.append("<table border=\"1\">\n");
            else if (layout == Layout.TAB_PREFIXED_CELLS) out.append("\t\n\n");
        }

        void closeTable() {
            if (!inTable) return;
            inTable = false;
            if (layout == Layout.HTML || layout == Layout.HTML_IN_SCRIPT) out.append("</table>\n");
            else if (layout != Layout.FLATTENED) out.append('\n');
        }

        @Override
        public String toString() {
            closeTable();
            if (layout == Layout.HTML || layout == Layout.HTML_IN_SCRIPT) out.append("</body></html>\n");
            return out.toString();
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
