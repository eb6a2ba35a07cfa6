package io.nianbao.core.tables;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many layout cells (empty, from merged label columns and trailing separators) stand before and after
 * a row's values, learned from the rows of the same table whose first and last values are present. A row
 * whose own ends are blank is then cut the same way, instead of guessing which blanks are values.
 */
final class RowShapes {

    /** (expected, cells) → (leading, trailing) → how many rows showed it */
    private final Map<Long, Map<Long, Integer>> seen = new HashMap<>();

    void learn(List<String> cells, int expected) {
        int n = cells.size();
        if (n <= expected) return;
        int lead = leading(cells);
        int trail = trailing(cells);
        if (lead + trail >= n || n - lead - trail != expected) return; // its ends are blank values: nothing to learn
        seen.computeIfAbsent(key(expected, n), k -> new HashMap<>()).merge(key(lead, trail), 1, Integer::sum);
    }

    /** The (leading, trailing) cut most rows of this length had, if it fits this row; else null. */
    int[] cut(List<String> cells, int expected) {
        Map<Long, Integer> shapes = seen.get(key(expected, cells.size()));
        if (shapes == null) return null;
        int lead = leading(cells);
        int trail = trailing(cells);
        long best = -1;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : shapes.entrySet()) {
            int l = (int) (e.getKey() >> 32);
            int t = (int) (long) e.getKey();
            if (l <= lead && t <= trail && e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best < 0 ? null : new int[] {(int) (best >> 32), (int) best};
    }

    static int leading(List<String> cells) {
        int i = 0;
        while (i < cells.size() && cells.get(i).isEmpty()) i++;
        return i;
    }

    static int trailing(List<String> cells) {
        int i = 0;
        while (i < cells.size() && cells.get(cells.size() - 1 - i).isEmpty()) i++;
        return i;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }
}
