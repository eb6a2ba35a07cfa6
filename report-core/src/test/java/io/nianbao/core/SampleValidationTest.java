package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The five samples give exactly the arithmetic errors ../shared/corpus/README.md lists, and no other error. */
class SampleValidationTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(Samples.S000, "invalid", List.of(
                        "APP_BALANCE applications[naturalPerson]", "APP_BALANCE applications[total]",
                        "APP_ROW_SUM applications.results.otherDisposal[total]", "APP_ROW_SUM applications.results.total[total]",
                        "APP_RESULTS_SUM applications.results.total[total]")),
                Arguments.of(Samples.S001, "warnings", List.of()),
                Arguments.of(Samples.S002, "invalid", List.of("APP_BALANCE applications[naturalPerson]", "APP_BALANCE applications[total]")),
                Arguments.of(Samples.S003, "invalid", List.of(
                        "APP_BALANCE applications[naturalPerson]", "APP_BALANCE applications[total]",
                        "APP_RESULTS_SUM applications.results.total[naturalPerson]", "APP_RESULTS_SUM applications.results.total[total]")),
                Arguments.of(Samples.S004, "invalid", List.of(
                        "APP_BALANCE applications[otherOrg]", "APP_BALANCE applications[total]",
                        "APP_RESULTS_SUM applications.results.total[otherOrg]", "APP_RESULTS_SUM applications.results.total[total]")));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void exactlyTheRealErrors(String sample, String status, List<String> errors) {
        ValidationResult result = new RuleEngine().validate(new ReportParser().parse(sample, Samples.text(sample), ReportHints.NONE));
        assertThat(result.errors().stream().map(f -> f.rule() + " " + f.location()).toList())
                .containsExactlyInAnyOrderElementsOf(errors);
        assertThat(result.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void revalidatingGivesTheSameFingerprints(String sample, String status, List<String> errors) {
        var report = new ReportParser().parse(sample, Samples.text(sample), ReportHints.NONE);
        List<String> first = new RuleEngine().validate(report).findings().stream().map(Finding::id).toList();
        List<String> again = new RuleEngine().validate(report).findings().stream().map(Finding::id).toList();
        assertThat(again).isEqualTo(first).doesNotHaveDuplicates();
    }
}
