package io.nianbao.core.model;

/**
 * One table cell: the text the report printed and the number read from it. A null value is a missing
 * cell (blank, /, -, 无 …), which is not zero. A null raw with a value is a value the parser derived
 * (the 2021 其他处理 row as the sum of its sub-rows).
 */
public record Cell(String raw, Double value) {

    public static Cell missing(String raw) {
        return new Cell(raw, null);
    }

    public static Cell of(String raw, double value) {
        return new Cell(raw, value);
    }

    public boolean isMissing() {
        return value == null;
    }
}
