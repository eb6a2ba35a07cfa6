package io.nianbao.ingest.follow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file format for adding many sources at once ({@code ./nianbao sources import FILE}): UTF-8 text
 * (a BOM is fine), one source per line, columns separated by a TAB or a comma: {@code url}, then
 * optionally {@code publisher}, {@code place}, {@code every}, {@code pattern}. A first line that starts
 * with {@code url} is a header naming the columns in any order (so a spreadsheet saved as CSV or TSV
 * works); blank lines and lines starting with {@code #} are skipped. A field in double quotes may hold
 * commas ({@code ""} is a quote).
 */
public final class SourceFile {

    /** One line of the file, as given. */
    public record Entry(int line, String url, String publisher, String place, String every, String pattern) {
    }

    /** The entries read, and a message for each line that is not one. */
    public record Parsed(List<Entry> entries, List<String> errors) {
    }

    private static final List<String> DEFAULT_COLUMNS = List.of("url", "publisher", "place", "every", "pattern");

    private SourceFile() {
    }

    public static Parsed parse(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> columns = DEFAULT_COLUMNS;
        String[] lines = text.split("\\r?\\n|\\r", -1);
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            List<String> fields = fields(line);
            if (first && fields.getFirst().strip().toLowerCase(Locale.ROOT).equals("url")) {
                columns = fields.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
                first = false;
                continue;
            }
            first = false;
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < fields.size() && c < columns.size(); c++) {
                String v = fields.get(c).strip();
                if (!v.isEmpty()) row.put(columns.get(c), v);
            }
            String url = row.get("url");
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                errors.add("line " + (i + 1) + ": no http(s) URL in the url column: " + line.strip());
                continue;
            }
            entries.add(new Entry(i + 1, url, row.get("publisher"), row.get("place"), row.get("every"), row.get("pattern")));
        }
        return new Parsed(entries, errors);
    }

    private static List<String> fields(String line) {
        char sep = line.indexOf('\t') >= 0 ? '\t' : ',';
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
