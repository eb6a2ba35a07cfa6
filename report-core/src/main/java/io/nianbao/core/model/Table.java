package io.nianbao.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A table as rows of cells: row id (a canonical path such as results.withheld.stateSecret) → column id → cell. */
public final class Table {

    private final Map<String, Map<String, Cell>> rows = new LinkedHashMap<>();

    public Table put(String row, String column, Cell cell) {
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, cell);
        return this;
    }

    public Cell get(String row, String column) {
        Map<String, Cell> cells = rows.get(row);
        return cells == null ? null : cells.get(column);
    }

    /** The value of a cell, or null when the row, the cell or its value is missing. */
    public Double value(String row, String column) {
        Cell cell = get(row, column);
        return cell == null ? null : cell.value();
    }

    public boolean hasRow(String row) {
        return rows.containsKey(row);
    }

    public Map<String, Map<String, Cell>> rows() {
        return Collections.unmodifiableMap(rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.rows.equals(rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return rows.toString();
    }
}
