package io.nianbao.core.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Splits a row's printed value run into its cells when the table was flattened and the cell borders
 * were lost ({@code 21710000218} is 217|1|0|0|0|0|218). It only uses what the run itself says:
 * <ol>
 *   <li>its length: a count never starts with 0 unless it is 0, so seven digits for seven cells
 *       leave one split only, whatever the row adds up to;</li>
 *   <li>its spacing: a number never spans a space (though not every border has one);</li>
 *   <li>the row's own relation — the cells come in groups whose last cell is the sum of the others
 *       (the six applicant cells and 总计; a 四 block's four results and its total) — to choose
 *       between the readings the run allows, a blank cell (printed as nothing) being one more
 *       possible reading.</li>
 * </ol>
 * Cells all remaining readings agree on are kept; the others are missing, with the candidates named.
 * Nothing else (column balances, result sums) is used. The method's limit, stated plainly: a printed
 * row that does not add up, whose run also allows a split that does, is read as that split.
 */
public final class RunSplitter {

    /** A split: cells (null where the candidates disagree or a cell is blank), how it was found, and the candidates. */
    public record Split(List<Long> cells, String how, List<List<Long>> candidates, int moreCandidates) {
        public boolean complete() {
            return cells.stream().allMatch(Objects::nonNull);
        }
    }

    private static final int MAX_DIGITS = 48;
    private static final int MAX_READINGS = 256;
    private static final int MAX_COUNT_DIGITS = 12;
    /** Paths a search may take before the run counts as undecidable (a guard for runs of dozens of digits). */
    private static final int MAX_STEPS = 200_000;
    private static final char BORDER = ' ';
    /** A blank cell in a reading being searched: the search keeps primitive longs (no Long boxed at each step). */
    private static final long BLANK = -1;
    /** 10^n, to tell how many digits a sum needs without dividing it at each step of the search. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }

    private RunSplitter() {
    }

    /**
     * Splits {@code chunks} (the digit strings between spaces in the report) into {@code cells} counts
     * forming groups of {@code groupWidth}, each group's last cell the sum of the others; null when the
     * run cannot hold them, or allows too many readings to decide anything.
     */
    public static Split split(List<String> chunks, int cells, int groupWidth) {
        int digits = 0;
        for (String c : chunks) digits += c.length();
        if (chunks.isEmpty() || digits == 0 || digits > MAX_DIGITS) return null;
        if (chunks.size() == cells) {
            // as many chunks as cells: no number spans a space and no blank fits, so this is the reading
            if (!chunks.stream().allMatch(RunSplitter::validCount)) return null;
            long[] spaced = new long[cells];
            for (int i = 0; i < cells; i++) spaced[i] = Long.parseLong(chunks.get(i));
            return one(spaced, addsUp(spaced, groupWidth) ? "cells as spaced" : "cells as spaced (the row does not add up)");
        }
        String run = String.join(String.valueOf(BORDER), chunks);
        long[] full = uniqueSplit(run, cells);
        // one digit per cell: seven digits for seven cells leave one split. When it adds up, no reading
        // with a blank cell can (it would need a longer number, and the digit sums differ by a multiple
        // of 9 that single digits cannot make up)
        if (full != null && digits == cells && addsUp(full, groupWidth)) return one(full, "one digit per cell");
        List<Long[]> holding = new ArrayList<>();
        int[] budget = {MAX_STEPS};
        boolean decidable = groupWidth == cells ? rowReadings(run, cells, holding, budget)
                : readings(run, 0, 0, 0, new long[cells], groupWidth, holding, budget);
        if (!decidable) return null;
        if (holding.isEmpty()) {
            // nothing adds up: one digit per cell is what the run says (the validator will say the row does
            // not add up) unless the run could as well be a shorter row with a blank cell
            if (full != null && digits == cells && splits(run, cells - 1) == 0) return one(full, "one digit per cell (the row does not add up)");
            if (splits(run, cells) == 0 && full == null) return null;
            return new Split(Collections.nCopies(cells, null), "no reading adds up", List.of(), 0);
        }
        if (full != null && !addsUp(full, groupWidth)) {
            // one split without blanks, printed as a row that does not add up, and readings with blank
            // cells that do: either may be what was printed
            List<Long[]> competing = new ArrayList<>(holding);
            competing.addFirst(boxed(full));
            return consensus(competing, "the only split without blanks does not add up, " + holding.size() + " readings with blank cells do");
        }
        if (holding.size() == 1) return consensus(holding, "the only reading (blank cells counted) whose row adds up");
        return consensus(holding, holding.size() + " readings (blank cells counted) add up");
    }

    /** Where a number starting at {@code pos} must end at the latest: the next space, or the run's end. */
    private static int chunkEnd(String run, int pos) {
        int border = run.indexOf(BORDER, pos);
        return border < 0 ? run.length() : border;
    }

    private static int skipBorders(String run, int pos) {
        while (pos < run.length() && run.charAt(pos) == BORDER) pos++;
        return pos;
    }

    /**
     * Every reading of {@code run} from cell {@code cell} on, each cell a count or blank, in which each
     * group's last cell is the sum of the others, added to {@code out}; false when there are too many.
     * A group's total is not searched for: it must be the sum, so it is either printed next or blank.
     */
    private static boolean readings(String run, int pos, int cell, long groupSum, long[] current, int width, List<Long[]> out, int[] budget) {
        if (--budget[0] < 0) return false;
        pos = skipBorders(run, pos);
        int cells = current.length;
        if (cell == cells) {
            if (pos == run.length()) out.add(boxed(current));
            return out.size() <= MAX_READINGS;
        }
        int charsLeft = run.length() - pos;
        if (charsLeft > (cells - cell) * (MAX_COUNT_DIGITS + 1)) return true;
        // the group's total is still to be printed: what is left must hold it
        if (groupSum > 0 && moreDigitsThan(groupSum, charsLeft)) return true;
        if (cell % width == width - 1) {
            if (groupSum == 0) {
                current[cell] = BLANK;
                if (!readings(run, pos, cell + 1, 0, current, width, out, budget)) return false;
            }
            int totalEnd = printedEnd(run, pos, groupSum);
            if (totalEnd >= 0) {
                current[cell] = groupSum;
                return readings(run, totalEnd, cell + 1, 0, current, width, out, budget);
            }
            return true;
        }
        current[cell] = BLANK;
        if (!readings(run, pos, cell + 1, groupSum, current, width, out, budget)) return false;
        if (pos == run.length()) return true;
        if (run.charAt(pos) == '0') {
            current[cell] = 0L;
            return readings(run, pos + 1, cell + 1, groupSum, current, width, out, budget);
        }
        int limit = Math.min(chunkEnd(run, pos), pos + MAX_COUNT_DIGITS);
        long v = 0;
        for (int end = pos + 1; end <= limit; end++) {
            v = v * 10 + digit(run, end - 1); // the number run[pos, end), one more digit each time round
            current[cell] = v;
            if (!readings(run, end, cell + 1, groupSum + v, current, width, out, budget)) return false;
        }
        return true;
    }

    /**
     * The readings of a single group (a section 三 row): its total is the run's last digits (or blank,
     * when every other cell is 0 or blank), so each possible total is tried and the other cells must
     * make it up exactly — far fewer paths than cutting the run blindly.
     */
    private static boolean rowReadings(String run, int cells, List<Long[]> out, int[] budget) {
        long[] current = new long[cells];
        current[cells - 1] = BLANK;
        if (!parts(run, run.length(), 0, 0, 0, 0, current, out, budget)) return false; // a blank total: the parts sum to 0
        int lastChunk = run.lastIndexOf(BORDER) + 1;
        for (int len = 1; len <= Math.min(MAX_COUNT_DIGITS, run.length() - lastChunk); len++) {
            String total = run.substring(run.length() - len);
            if (!validCount(total)) continue;
            current[cells - 1] = Long.parseLong(total);
            if (!parts(run, run.length() - len, 0, 0, 0, current[cells - 1], current, out, budget)) return false;
        }
        return true;
    }

    /** Cells 0..n-2 from {@code run[pos, end)}, each a count or blank, summing to {@code target}. */
    private static boolean parts(String run, int end, int pos, int cell, long sum, long target, long[] current, List<Long[]> out, int[] budget) {
        if (--budget[0] < 0) return false;
        while (pos < end && run.charAt(pos) == BORDER) pos++;
        int partCells = current.length - 1;
        if (sum > target) return true;
        if (cell == partCells) {
            if (pos == end && sum == target) out.add(boxed(current));
            return out.size() <= MAX_READINGS;
        }
        if (end - pos > (partCells - cell) * (MAX_COUNT_DIGITS + 1)) return true;
        current[cell] = BLANK;
        if (!parts(run, end, pos, cell + 1, sum, target, current, out, budget)) return false;
        if (pos == end) return true;
        if (run.charAt(pos) == '0') {
            current[cell] = 0L;
            return parts(run, end, pos + 1, cell + 1, sum, target, current, out, budget);
        }
        int limit = Math.min(Math.min(end, chunkEnd(run, pos)), pos + MAX_COUNT_DIGITS);
        long v = 0;
        for (int stop = pos + 1; stop <= limit; stop++) {
            v = v * 10 + digit(run, stop - 1); // the number run[pos, stop)
            if (sum + v > target) break;
            current[cell] = v;
            if (!parts(run, end, stop, cell + 1, sum + v, target, current, out, budget)) return false;
        }
        return true;
    }

    /** The split of {@code run} into {@code cells} counts with no blank, when there is exactly one. */
    static long[] uniqueSplit(String run, int cells) {
        if (splits(run, cells) != 1) return null;
        long[] out = new long[cells];
        int pos = 0;
        for (int cell = 0; cell < cells; cell++) {
            pos = skipBorders(run, pos);
            int limit = chunkEnd(run, pos);
            for (int end = pos + 1; end <= limit; end++) {
                String part = run.substring(pos, end);
                if (validCount(part) && countFrom(run, end, cells - cell - 1, new int[run.length() + 1][cells + 1]) > 0) {
                    out[cell] = Long.parseLong(part);
                    pos = end;
                    break;
                }
            }
        }
        return out;
    }

    /** How many ways (0, 1, or 2 for "several") the run splits into exactly {@code cells} counts, none spanning a space. */
    static int splits(String run, int cells) {
        return countFrom(run, 0, cells, new int[run.length() + 1][cells + 1]);
    }

    private static int countFrom(String run, int pos, int cells, int[][] memo) {
        pos = skipBorders(run, pos);
        if (cells == 0) return pos == run.length() ? 1 : 0;
        if (pos == run.length()) return 0;
        if (memo[pos][cells] != 0) return memo[pos][cells] - 1;
        int ways = 0;
        if (run.charAt(pos) == '0') ways = countFrom(run, pos + 1, cells - 1, memo);
        else {
            int limit = Math.min(chunkEnd(run, pos), pos + MAX_COUNT_DIGITS);
            for (int end = pos + 1; end <= limit && ways < 2; end++) ways = Math.min(2, ways + countFrom(run, end, cells - 1, memo));
        }
        memo[pos][cells] = ways + 1;
        return ways;
    }

    /** Whether the count {@code v} has more than {@code digits} digits. */
    private static boolean moreDigitsThan(long v, int digits) {
        return digits < POWERS_OF_TEN.length && v >= POWERS_OF_TEN[digits];
    }

    /**
     * Where {@code value} ends when it is printed at {@code pos} within one chunk, else -1: what
     * {@code run.startsWith(Long.toString(value), pos)} tells, without a string at each step of the search.
     */
    private static int printedEnd(String run, int pos, long value) {
        int end = pos;
        for (long rest = value; ; rest /= 10) {
            end++;
            if (rest < 10) break;
        }
        if (end > chunkEnd(run, pos)) return -1;
        long rest = value;
        for (int i = end - 1; i >= pos; i--, rest /= 10) {
            if (digit(run, i) != rest % 10) return -1;
        }
        return end;
    }

    /** The digit at {@code i}: a run holds digits and borders only (its chunks are digit strings). */
    private static int digit(String run, int i) {
        return run.charAt(i) - '0';
    }

    private static boolean addsUp(long[] cells, int width) {
        for (int b = 0; b + width <= cells.length; b += width) {
            long sum = 0;
            for (int i = b; i < b + width - 1; i++) sum += cells[i];
            if (sum != cells[b + width - 1]) return false;
        }
        return true;
    }

    /** The cells as the splits name them: a blank as null. */
    private static Long[] boxed(long[] values) {
        Long[] out = new Long[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i] == BLANK ? null : values[i];
        return out;
    }

    private static Split one(long[] cells, String how) {
        List<Long> list = Arrays.asList(boxed(cells));
        return new Split(list, how, List.of(list), 0);
    }

    /** The cells every candidate agrees on (a blank in one and a number in another disagree), the others null. */
    private static Split consensus(List<Long[]> candidates, String how) {
        int n = candidates.getFirst().length;
        List<Long> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Long v = candidates.getFirst()[i];
            boolean agree = true;
            for (Long[] c : candidates) if (!Objects.equals(c[i], v)) agree = false;
            cells.add(agree ? v : null);
        }
        List<List<Long>> shown = new ArrayList<>();
        for (Long[] c : candidates.subList(0, Math.min(4, candidates.size()))) shown.add(Arrays.asList(c));
        return new Split(cells, how, shown, Math.max(0, candidates.size() - shown.size()));
    }

    private static boolean validCount(String s) {
        return !s.isEmpty() && s.length() <= MAX_COUNT_DIGITS && (s.length() == 1 || s.charAt(0) != '0');
    }
}
