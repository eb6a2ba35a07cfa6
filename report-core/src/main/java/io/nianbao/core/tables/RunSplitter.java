package io.nianbao.core.tables;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a row's printed value run into its cells when the table was flattened and the cell borders
 * were lost ({@code 21710000218} is 217|1|0|0|0|0|218). It only uses what the run itself says:
 * <ol>
 *   <li>its length: a count never starts with 0 unless it is 0, so seven digits for seven cells
 *       leave one split only, whatever the row adds up to;</li>
 *   <li>its spacing, when the spaces delimit exactly one count per cell;</li>
 *   <li>the row's own relation (the six applicant cells sum to 总计, a 四 block's four to its total),
 *       given by the caller, and only to choose between the readings the run allows — a blank
 *       cell (printed as nothing) being one more possible reading.</li>
 * </ol>
 * Cells all remaining readings agree on are kept; the others are missing, with the candidates named.
 * Nothing else (column balances, result sums) is used, so a published table that does not add up
 * stays as published.
 */
public final class RunSplitter {

    /** A relation a row's cells obey when the row adds up, e.g. cells 0..5 sum to cell 6. */
    @FunctionalInterface
    public interface RowRelation {
        boolean holds(long[] cells);

        /** Whether the first {@code filled} cells can still be part of a row that holds (prunes the search). */
        default boolean partlyHolds(long[] cells, int filled) {
            return true;
        }
    }

    /** A split: cells (null where the candidates disagree), how it was found, and the candidates when several. */
    public record Split(List<Long> cells, String how, List<List<Long>> candidates) {
        public boolean complete() {
            return cells.stream().allMatch(java.util.Objects::nonNull);
        }

        public boolean ambiguous() {
            return candidates.size() > 1;
        }
    }

    private static final int MAX_DIGITS = 48;
    private static final int MAX_CANDIDATES = 20_000;

    private RunSplitter() {
    }

    /**
     * Splits {@code chunks} (the digit strings between spaces in the report) into {@code cells} counts,
     * or returns null when the run cannot hold them. A flattened page cannot tell a blank cell from an
     * absent one, so every reading with blank cells counts as a candidate too: a row is decided only
     * when no other reading competes.
     */
    public static Split split(List<String> chunks, int cells, RowRelation relation) {
        int digits = 0;
        for (String c : chunks) digits += c.length();
        if (chunks.isEmpty() || digits == 0 || digits > MAX_DIGITS) return null;
        long[] spaced = null;
        if (chunks.size() == cells && chunks.stream().allMatch(RunSplitter::validCount)) {
            spaced = new long[cells];
            for (int i = 0; i < cells; i++) spaced[i] = Long.parseLong(chunks.get(i));
            if (relation.holds(spaced)) return of(List.of(spaced), "cells as spaced");
        }
        String run = String.join("", chunks);
        List<long[]> full = enumerate(List.of(run), cells);
        if (full == null) return null;
        // one digit per cell, and the row adds up: a reading with a blank cell would need a number of
        // two digits or more, and no such reading can add up while this one does (their digit sums
        // differ by a multiple of 9 that the single digits cannot make up)
        if (digits == cells && relation.holds(full.getFirst())) return of(full, "one digit per cell");
        List<Long[]> holding = new ArrayList<>();
        if (!readings(run, 0, 0, new Long[cells], new long[cells], relation, holding)) return null;
        if (full.isEmpty() && holding.isEmpty()) return null;
        if (holding.isEmpty() && spaced != null) return of(List.of(spaced), "cells as spaced (the row does not add up)");
        if (full.size() == 1 && !relation.holds(full.getFirst())) {
            // one split by length, printed as a row that does not add up: kept as published unless a
            // reading with a blank cell adds up, which makes the row undecidable
            if (holding.isEmpty()) return of(full, "the only split by length (the row does not add up)");
            List<Long[]> competing = new ArrayList<>(holding);
            competing.addFirst(box(full.getFirst(), new boolean[cells]));
            return consensus(competing, "the only split by length does not add up, " + holding.size() + " readings with blank cells do");
        }
        if (holding.size() == 1) return consensus(holding, "the only reading (blank cells counted) whose row adds up");
        if (holding.isEmpty()) {
            Split shown = full.isEmpty() ? null : of(full, full.size() + " splits, none adds up");
            return new Split(java.util.Collections.nCopies(cells, null), shown == null ? "no reading adds up" : shown.how(),
                    shown == null ? List.of() : shown.candidates());
        }
        return consensus(holding, holding.size() + " readings (blank cells counted) add up");
    }

    /**
     * Every reading of {@code run} as the cells from {@code cell} on, each a count or blank, that adds up:
     * added to {@code out}. False when there are too many to decide anything.
     */
    private static boolean readings(String run, int pos, int cell, Long[] current, long[] zeroed, RowRelation relation, List<Long[]> out) {
        int cells = current.length;
        if (cell == cells) {
            if (pos == run.length() && relation.holds(zeroed)) out.add(current.clone());
            return out.size() <= MAX_CANDIDATES;
        }
        int digitsLeft = run.length() - pos;
        // blank
        current[cell] = null;
        zeroed[cell] = 0;
        if (relation.partlyHolds(zeroed, cell + 1) && !readings(run, pos, cell + 1, current, zeroed, relation, out)) return false;
        if (digitsLeft == 0) return true;
        if (run.charAt(pos) == '0') {
            current[cell] = 0L;
            zeroed[cell] = 0;
            return !relation.partlyHolds(zeroed, cell + 1) || readings(run, pos + 1, cell + 1, current, zeroed, relation, out);
        }
        for (int end = pos + 1; end <= run.length() && end - pos <= 12; end++) {
            long v = Long.parseLong(run.substring(pos, end));
            current[cell] = v;
            zeroed[cell] = v;
            if (relation.partlyHolds(zeroed, cell + 1) && !readings(run, end, cell + 1, current, zeroed, relation, out)) return false;
        }
        return true;
    }

    private static Long[] box(long[] values, boolean[] blank) {
        Long[] out = new Long[blank.length];
        int j = 0;
        for (int i = 0; i < blank.length; i++) out[i] = blank[i] ? null : values[j++];
        return out;
    }

    private static Split consensus(List<Long[]> candidates, String how) {
        int n = candidates.getFirst().length;
        List<Long> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Long v = candidates.getFirst()[i];
            boolean agree = true;
            for (Long[] c : candidates) if (!java.util.Objects.equals(c[i], v)) agree = false;
            cells.add(agree ? v : null);
        }
        List<List<Long>> shown = new ArrayList<>();
        for (Long[] c : candidates.subList(0, Math.min(4, candidates.size()))) shown.add(java.util.Arrays.asList(c));
        if (candidates.size() > 4) shown.add(List.of());
        return new Split(cells, how, shown);
    }

    /** The consensus of the candidates: a cell they all agree on, else null. */
    private static Split of(List<long[]> candidates, String how) {
        int n = candidates.getFirst().length;
        List<Long> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long v = candidates.getFirst()[i];
            boolean agree = true;
            for (long[] c : candidates) if (c[i] != v) agree = false;
            cells.add(agree ? v : null);
        }
        List<List<Long>> shown = new ArrayList<>();
        for (long[] c : candidates.subList(0, Math.min(4, candidates.size()))) {
            List<Long> l = new ArrayList<>();
            for (long v : c) l.add(v);
            shown.add(l);
        }
        if (candidates.size() > 4) shown.add(List.of()); // marks "and more"
        return new Split(cells, how, shown);
    }

    private static boolean validCount(String s) {
        return !s.isEmpty() && s.length() <= 12 && (s.length() == 1 || s.charAt(0) != '0');
    }

    /** Every way to cut each chunk into counts, with {@code cells} counts in all; null when too many. */
    static List<long[]> enumerate(List<String> chunks, int cells) {
        List<long[]> out = new ArrayList<>();
        long[] current = new long[cells];
        if (!walk(chunks, 0, 0, current, 0, out)) return null;
        return out;
    }

    private static boolean walk(List<String> chunks, int chunk, int offset, long[] current, int filled, List<long[]> out) {
        if (chunk == chunks.size()) {
            if (filled == current.length) {
                out.add(current.clone());
                return out.size() <= MAX_CANDIDATES;
            }
            return true;
        }
        String s = chunks.get(chunk);
        if (offset == s.length()) return walk(chunks, chunk + 1, 0, current, filled, out);
        if (filled == current.length) return true;
        // digits still to place must fit in the cells left
        int remaining = s.length() - offset;
        for (int k = chunk + 1; k < chunks.size(); k++) remaining += chunks.get(k).length();
        if (remaining < current.length - filled) return true;
        if (s.charAt(offset) == '0') {
            current[filled] = 0;
            return walk(chunks, chunk, offset + 1, current, filled + 1, out);
        }
        for (int end = offset + 1; end <= s.length() && end - offset <= 12; end++) {
            current[filled] = Long.parseLong(s.substring(offset, end));
            if (!walk(chunks, chunk, end, current, filled + 1, out)) return false;
        }
        return true;
    }
}
