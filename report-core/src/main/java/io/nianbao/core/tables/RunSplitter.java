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
     * Splits {@code chunks} (digit strings as separated by spaces in the report) into {@code cells}
     * counts, or returns null when no split exists.
     */
    public static Split split(List<String> chunks, int cells, RowRelation relation) {
        return split(chunks, cells, relation, false);
    }

    /**
     * As {@link #split(List, int, RowRelation)}; with {@code blanksSeen} (the table leaves some cells
     * blank, so a run may hold one cell fewer than the row) a split that reads one cell as blank is a
     * candidate too, and a row is only decided when no such reading competes with it.
     */
    public static Split split(List<String> chunks, int cells, RowRelation relation, boolean blanksSeen) {
        int digits = 0;
        for (String c : chunks) digits += c.length();
        if (chunks.isEmpty() || digits > MAX_DIGITS) return null;
        if (blanksSeen) return splitWithBlanks(chunks, cells, relation);
        if (digits < cells) return null;
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
        // several splits and none adds up: a cell they agree on could still belong to another column
        return none(spaced.isEmpty() ? joined : spaced, cells, "splits, none adds up");
    }

    private static Split splitWithBlanks(List<String> chunks, int cells, RowRelation relation) {
        String run = String.join("", chunks);
        List<long[]> full = enumerate(List.of(run), cells);
        List<long[]> short1 = enumerate(List.of(run), cells - 1);
        if (full == null || short1 == null) return null;
        List<Long[]> all = new ArrayList<>();
        for (long[] c : full) all.add(boxed(c, -1));
        for (long[] c : short1) for (int blank = 0; blank < cells; blank++) all.add(boxed(c, blank));
        if (all.isEmpty()) return null;
        List<Long[]> holding = new ArrayList<>();
        for (Long[] c : all) {
            long[] zeroed = new long[cells];
            for (int i = 0; i < cells; i++) zeroed[i] = c[i] == null ? 0 : c[i];
            if (relation.holds(zeroed)) holding.add(c);
        }
        if (holding.size() == 1) return consensus(holding, "the only reading (blank cells counted) whose row adds up");
        if (holding.isEmpty() && full.size() == 1 && short1.isEmpty()) return of(full, "the only split by length (the row does not add up)");
        if (holding.isEmpty()) return none(full, cells, "readings (blank cells counted), none adds up");
        return consensus(holding, holding.size() + " readings (blank cells counted) add up");
    }

    private static Long[] boxed(long[] c, int blank) {
        Long[] out = new Long[blank < 0 ? c.length : c.length + 1];
        int j = 0;
        for (int i = 0; i < out.length; i++) out[i] = i == blank ? null : c[j++];
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

    /** No split can be chosen: every cell missing, the candidates named. */
    private static Split none(List<long[]> candidates, int cells, String what) {
        Split s = of(candidates, candidates.size() + " " + what);
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < cells; i++) missing.add(null);
        return new Split(missing, s.how(), s.candidates());
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
