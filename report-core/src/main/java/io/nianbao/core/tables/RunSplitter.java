package io.nianbao.core.tables;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a row's printed value run into its cells when the table was flattened and the cell borders
 * were lost ({@code 21710000218} is 217|1|0|0|0|0|218). It only uses what the run itself says:
 * <ol>
 *   <li>its length: a count never starts with 0 unless it is 0, so seven digits for seven cells
 *       leave one split only, whatever the row adds up to;</li>
 *   <li>its spacing: chunks between spaces are kept whole where a split allows it, though a
 *       stray space inside a run is tolerated when no spaced split exists;</li>
 *   <li>the row's own relation (the six applicant cells sum to 总计, a 四 block's four to its total),
 *       given by the caller, and only to choose between splits the run allows.</li>
 * </ol>
 * Cells all remaining splits agree on are kept; the others are missing with the candidates named.
 * Nothing else (column balances, result sums) is used, so a published table that does not add up
 * stays as published.
 */
public final class RunSplitter {

    /** A relation a row's cells obey when the row adds up, e.g. cells 0..5 sum to cell 6. */
    @FunctionalInterface
    public interface RowRelation {
        boolean holds(long[] cells);

        RowRelation NONE = cells -> true;
    }

    /** A split: cells (null where the candidates disagree), how it was found, and the candidates when several. */
    public record Split(List<Long> cells, String how, List<List<Long>> candidates) {
        public boolean complete() {
            return cells.stream().allMatch(c -> c != null);
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
     * Splits {@code chunks} (digit strings as separated by spaces in the report) into {@code cells}
     * counts, or returns null when no split exists.
     */
    public static Split split(List<String> chunks, int cells, RowRelation relation) {
        int digits = 0;
        for (String c : chunks) digits += c.length();
        if (chunks.isEmpty() || digits < cells || digits > MAX_DIGITS) return null;
        if (chunks.size() == cells) {
            List<Long> whole = new ArrayList<>();
            boolean valid = true;
            for (String c : chunks) {
                if (!validCount(c)) valid = false;
                else whole.add(Long.parseLong(c));
            }
            if (valid) return new Split(whole, "cells as spaced", List.of(whole));
        }
        List<long[]> spaced = enumerate(chunks, cells);
        List<long[]> joined = chunks.size() > 1 ? enumerate(List.of(String.join("", chunks)), cells) : spaced;
        if (spaced == null || joined == null || joined.isEmpty()) return null;
        if (joined.size() == 1) return of(joined, "the only split by length");
        List<long[]> spacedHolding = holding(spaced, relation);
        List<long[]> joinedHolding = holding(joined, relation);
        if (spacedHolding.size() == 1) return of(spacedHolding, "the only split (of " + spaced.size() + " by spacing) whose row adds up");
        if (spacedHolding.isEmpty() && joinedHolding.size() == 1) {
            return of(joinedHolding, "the only split (spaces taken as stray) whose row adds up");
        }
        if (spaced.size() == 1) return of(spaced, "the only split by length and spacing (the row does not add up)");
        if (!spacedHolding.isEmpty()) return of(spacedHolding, spacedHolding.size() + " splits add up");
        if (!joinedHolding.isEmpty()) return of(joinedHolding, joinedHolding.size() + " splits add up (spaces taken as stray)");
        if (!spaced.isEmpty()) return of(spaced, spaced.size() + " splits, none adds up");
        return of(joined, joined.size() + " splits, none adds up");
    }

    private static List<long[]> holding(List<long[]> candidates, RowRelation relation) {
        List<long[]> out = new ArrayList<>();
        for (long[] c : candidates) if (relation.holds(c)) out.add(c);
        return out;
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
        return !s.isEmpty() && (s.length() == 1 || s.charAt(0) != '0');
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
