package io.nianbao.core.validate;

import java.util.List;

/** A report's status (valid, warnings, invalid) and every finding. */
public record ValidationResult(String status, List<Finding> findings) {

    public static final String VALID = "valid";
    public static final String WARNINGS = "warnings";
    public static final String INVALID = "invalid";

    public static ValidationResult of(List<Finding> findings) {
        String status = VALID;
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) return new ValidationResult(INVALID, findings);
            if (f.severity() == Severity.WARNING) status = WARNINGS;
        }
        return new ValidationResult(status, findings);
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }
}
