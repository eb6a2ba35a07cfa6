package io.nianbao.core.normalise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns a report page into text with its tables kept: each table row becomes one line of cells joined
 * by TABs, with rowspan and colspan expanded into a grid. A label cell repeated by a span stays a
 * label; a spanned value cell repeats into empty cells, so value counts stay right. Text split across
 * inline tags (<span>本年新</span><span>收</span>) is joined because jsoup reads a cell's whole text.
 */
public final class HtmlToText {

    private static final java.util.Set<String> BLOCKS = java.util.Set.of(
            "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "header", "footer", "title");
    // compiled once: String.replaceAll and matches compile their pattern on every call, here once per text node and cell
    private static final Pattern WHITE_SPACE_RUN = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern BLANK_LINE_RUN = Pattern.compile("\n{3,}");
    private static final Pattern AMOUNT = Pattern.compile(".*\\d.*(万元|元|项|件)$");

    public String toText(String html) {
        Document doc = Jsoup.parse(html);
        String scripted = doc.selectFirst("table") == null ? htmlInScripts(doc) : null;
        doc.select("script, style, nav, noscript, iframe, form").remove();
        if (scripted != null && doc.body() != null) doc.body().append(scripted);
        StringBuilder out = new StringBuilder();
        Element root = doc.body() != null ? doc.body() : doc;
        Element title = doc.selectFirst("title");
        if (title != null && !title.text().isBlank()) out.append(title.text().strip()).append('\n');
        walk(root, out);
        return BLANK_LINE_RUN.matcher(out).replaceAll("\n\n");
    }

    /**
     * A page whose report is a JavaScript string (var content = "<table>…"; …innerHTML = content): the
     * string literals of its scripts that hold table markup, unescaped and joined, else null.
     */
    static String htmlInScripts(Document doc) {
        StringBuilder html = new StringBuilder();
        for (Element script : doc.select("script")) {
            String js = script.data();
            if (js.indexOf('<') < 0 && !js.contains("\\u003c") && !js.contains("\\x3c")) continue;
            for (String literal : stringLiterals(js)) {
                String lower = literal.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("<t") || lower.contains("<p") || lower.contains("<div") || lower.contains("<span")) html.append(literal);
            }
        }
        String out = html.toString();
        return out.toLowerCase(java.util.Locale.ROOT).contains("<td") ? out : null;
    }

    /** The unescaped contents of a script's '…' and "…" literals (template literals and regexes are not read). */
    static List<String> stringLiterals(String js) {
        List<String> out = new ArrayList<>();
        int n = js.length();
        for (int i = 0; i < n; i++) {
            char q = js.charAt(i);
            if (q == '/' && i + 1 < n && js.charAt(i + 1) == '/') { // a line comment
                while (i < n && js.charAt(i) != '\n') i++;
                continue;
            }
            if (q != '"' && q != '\'') continue;
            StringBuilder sb = new StringBuilder();
            int j = i + 1;
            boolean closed = false;
            while (j < n) {
                char c = js.charAt(j);
                if (c == q) {
                    closed = true;
                    break;
                }
                if (c == '\n') break;
                if (c == '\\' && j + 1 < n) {
                    char e = js.charAt(++j);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'u' -> {
                            if (j + 4 < n && isHex(js, j + 1, 4)) {
                                sb.append((char) Integer.parseInt(js.substring(j + 1, j + 5), 16));
                                j += 4;
                            } else sb.append('u');
                        }
                        case 'x' -> {
                            if (j + 2 < n && isHex(js, j + 1, 2)) {
                                sb.append((char) Integer.parseInt(js.substring(j + 1, j + 3), 16));
                                j += 2;
                            } else sb.append('x');
                        }
                        case '\n' -> { } // a line continuation
                        default -> sb.append(e);
                    }
                } else sb.append(c);
                j++;
            }
            if (closed) out.add(sb.toString());
            i = j;
        }
        return out;
    }

    private static boolean isHex(String s, int from, int count) {
        for (int k = from; k < from + count; k++) if (Character.digit(s.charAt(k), 16) < 0) return false;
        return true;
    }

    private void walk(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                String s = WHITE_SPACE_RUN.matcher(text.getWholeText()).replaceAll(" ");
                if (!s.isBlank()) out.append(s.strip());
            } else if (child instanceof Element el) {
                String tag = el.normalName();
                if (tag.equals("table")) {
                    newLine(out);
                    appendTable(el, out);
                    newLine(out);
                } else if (tag.equals("br")) {
                    out.append('\n');
                } else {
                    boolean block = BLOCKS.contains(tag);
                    if (block) newLine(out);
                    walk(el, out);
                    if (block) newLine(out);
                }
            }
        }
    }

    private static void newLine(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append('\n');
    }

    private void appendTable(Element table, StringBuilder out) {
        List<List<String>> grid = new ArrayList<>();
        Map<Long, String> carried = new HashMap<>(); // (row << 16 | col) → text carried down by rowspan
        int r = 0;
        for (Element tr : table.select("tr")) {
            if (tr.closest("table") != table) continue; // rows of nested tables stay with them
            List<String> row = new ArrayList<>();
            int c = 0;
            for (Element td : tr.children()) {
                if (!td.normalName().equals("td") && !td.normalName().equals("th")) continue;
                while (carried.containsKey(key(r, c))) row.add(carried.remove(key(r, c++)));
                String text = td.text().replace('\u00A0', ' ').strip();
                int colspan = span(td.attr("colspan"));
                int rowspan = span(td.attr("rowspan"));
                // only a spanned cell needs to know (most cells span nothing)
                boolean label = (colspan > 1 || rowspan > 1) && isLabel(text);
                for (int dc = 0; dc < colspan; dc++) {
                    String value = dc == 0 || label ? text : "";
                    row.add(value);
                    for (int dr = 1; dr < rowspan; dr++) carried.put(key(r + dr, c), label ? text : "");
                    c++;
                }
            }
            while (carried.containsKey(key(r, c))) row.add(carried.remove(key(r, c++)));
            grid.add(row);
            r++;
        }
        for (List<String> row : grid) out.append(String.join("\t", row)).append('\n');
    }

    private static boolean isLabel(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                && !AMOUNT.matcher(text).matches();
    }

    private static long key(int row, int col) {
        return ((long) row << 16) | col;
    }

    private static int span(String attr) {
        // no attribute (jsoup gives ""), as on most cells: without this a NumberFormatException was thrown and caught for each
        if (attr.isEmpty()) return 1;
        try {
            int n = Integer.parseInt(attr.strip());
            return Math.max(1, Math.min(n, 64));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
