package io.nianbao.core.validate;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.rules.ApplicationBalanceRule;
import io.nianbao.core.validate.rules.ApplicationRowSumRule;
import io.nianbao.core.validate.rules.MetadataRules;
import io.nianbao.core.validate.rules.NarrativeRule;
import io.nianbao.core.validate.rules.NonNegativeIntegerRule;
import io.nianbao.core.validate.rules.OtherDisposalSumRule;
import io.nianbao.core.validate.rules.ResultsSumRule;
import io.nianbao.core.validate.rules.ReviewSumRule;
import io.nianbao.core.validate.rules.TemplateRule;
import java.util.List;

/** Runs every single-report rule; cross-year rules are in {@link CrossYearRules}. */
public final class RuleEngine {

    public static final List<Rule> DEFAULT_RULES = List.of(
            new MetadataRules(),
            new TemplateRule(),
            new NonNegativeIntegerRule(),
            new ApplicationBalanceRule(),
            new ApplicationRowSumRule(),
            new ResultsSumRule(),
            new OtherDisposalSumRule(),
            new ReviewSumRule(),
            new NarrativeRule());

    private final List<Rule> rules;

    public RuleEngine() {
        this(DEFAULT_RULES);
    }

    public RuleEngine(List<Rule> rules) {
        this.rules = rules;
    }

    public ValidationResult validate(ParsedReport report) {
        Findings findings = new Findings(report);
        for (Rule rule : rules) rule.check(report, findings);
        return ValidationResult.of(findings.list());
    }
}
