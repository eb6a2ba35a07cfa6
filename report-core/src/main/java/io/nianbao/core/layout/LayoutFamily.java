package io.nianbao.core.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The ways a copied report lays out its table cells. Each family reads lines into a stream of cells
 * and row breaks; the template matcher does the rest, so a new layout is one more constant here.
 */
public enum LayoutFamily {
    /** One cell per line after a TAB; blank lines end rows; an untabbed line right after a cell continues it (000). */
    TAB_PREFIXED_CELLS(line -> line.startsWith("\t") && line.indexOf('\t', 1) < 0) {
        @Override
        List<Token> read(String[] lines) {
            List<Token> out = new ArrayList<>();
            boolean inCell = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() && !line.contains("\t")) {
                    out.add(Token.rowBreak(i + 1));
                    inCell = false;
                } else if (line.startsWith("\t")) {
                    out.add(Token.cell(line.strip(), i + 1));
                    inCell = true;
                } else if (inCell && !out.getLast().text().isEmpty()) {
                    Token last = out.removeLast();
                    out.add(Token.cell(last.text() + line.strip(), last.line()));
                } else {
                    plainLine(out, line, i);
                    inCell = false;
                }
            }
            return out;
        }
    },
    /** One cell per line ending in " |"; lines of pipes alone end rows (001). */
    PIPE_TERMINATED_CELLS(line -> {
        String s = line.stripTrailing();
        return s.endsWith("|") && s.indexOf('|') == s.length() - 1 && !s.substring(0, s.length() - 1).isBlank();
    }) {
        private static final Pattern PIPES_ONLY = Pattern.compile("\\s*\\|+\\s*");

        @Override
        List<Token> read(String[] lines) {
            List<Token> out = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (PIPES_ONLY.matcher(line).matches()) out.add(Token.rowBreak(i + 1));
                else if (line.strip().endsWith("|")) {
                    String s = line.strip();
                    out.add(Token.cell(s.substring(0, s.length() - 1).strip(), i + 1));
                } else if (!line.isBlank()) plainLine(out, line, i);
            }
            return out;
        }
    },
    /** One table row per line, cells between " | " (003). */
    PIPE_ROWS(line -> count(line, '|') >= 2 && hasTextBesides(line, '|')) {
        @Override
        List<Token> read(String[] lines) {
            return rows(lines, PIPE);
        }
    },
    /** One table row per line, cells between TABs, HTML tables too (004). */
    TAB_ROWS(line -> line.indexOf('\t') > 0 || count(line, '\t') >= 2) {
        @Override
        List<Token> read(String[] lines) {
            return rows(lines, TAB);
        }
    },
    /** One cell per line, however indented; blank lines carry no meaning (002, and the fallback). */
    CELL_PER_LINE(line -> line.startsWith("  ") && !line.isBlank()) {
        @Override
        List<Token> read(String[] lines) {
            List<Token> out = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) if (!lines[i].isBlank()) out.add(Token.cell(lines[i].strip(), i + 1));
            return out;
        }
    };

    // the cell separators, compiled once (String.split compiles a quoted separator for every line)
    private static final Pattern PIPE = Pattern.compile("|", Pattern.LITERAL);
    private static final Pattern TAB = Pattern.compile("\t", Pattern.LITERAL);

    private final Predicate<String> signature;

    LayoutFamily(Predicate<String> signature) {
        this.signature = signature;
    }

    abstract List<Token> read(String[] lines);

    public List<Token> tokens(String text) {
        return read(text.split("\n", -1));
    }

    /** The family whose line signature most lines carry; CELL_PER_LINE when none stands out. */
    public static LayoutFamily detect(String text) {
        String[] lines = text.split("\n", -1);
        LayoutFamily best = CELL_PER_LINE;
        int bestCount = 0;
        for (LayoutFamily family : values()) {
            int count = 0;
            for (String line : lines) if (family.signature.test(line)) count++;
            // a table has dozens of cells; a handful of matching lines is narrative punctuation
            if (count > bestCount && count >= 8) {
                best = family;
                bestCount = count;
            }
        }
        return best;
    }

    private static void plainLine(List<Token> out, String line, int index) {
        out.add(Token.cell(line.strip(), index + 1));
        out.add(Token.rowBreak(index + 1));
    }

    /** How many times {@code c} occurs in the line (a signature is tested on every line of every report). */
    private static int count(String line, char c) {
        int n = 0;
        for (int i = line.indexOf(c); i >= 0; i = line.indexOf(c, i + 1)) n++;
        return n;
    }

    /** Whether the line holds something besides {@code c} and white space. */
    private static boolean hasTextBesides(String line, char c) {
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch != c && !Character.isWhitespace(ch)) return true;
        }
        return false;
    }

    /** @param separator a literal pattern of the separator */
    private static List<Token> rows(String[] lines, Pattern separator) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            if (line.contains(separator.pattern())) {
                for (String cell : separator.split(line, -1)) out.add(Token.cell(cell.strip(), i + 1));
            } else {
                out.add(Token.cell(line.strip(), i + 1));
            }
            out.add(Token.rowBreak(i + 1));
        }
        return out;
    }
}
