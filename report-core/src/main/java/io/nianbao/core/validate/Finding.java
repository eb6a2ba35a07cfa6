package io.nianbao.core.validate;

/**
 * One thing validation found, located in the table. id is a fingerprint of the report's identity
 * (issuer and year, else its id), the rule and the place, so re-validating never duplicates a finding and
 * a corrected re-publication can say which findings it withdraws.
 */
public record Finding(
        String id,
        String rule,
        Severity severity,
        String section,
        String row,
        String column,
        String expected,
        String actual,
        String messageZh,
        String messageEn) {

    public String location() {
        StringBuilder sb = new StringBuilder();
        if (section != null) sb.append(section);
        if (row != null) sb.append(sb.isEmpty() ? "" : ".").append(row);
        if (column != null) sb.append('[').append(column).append(']');
        return sb.toString();
    }
}
