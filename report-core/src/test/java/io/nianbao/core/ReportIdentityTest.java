package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.ReportIdentity;
import io.nianbao.core.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportIdentityTest {

    private static ParsedReport report(String id, String issuer, String division, Integer year) {
        return new ParsedReport(id, issuer, null, null, division, year, null, null, null, null, null, Set.of(), new Table(), new Table(), new Table(),
                Map.of(), List.of());
    }

    @Test
    void divisionIssuerAndYear() {
        assertThat(ReportIdentity.key(report("a", "福州市鼓楼区人民政府", "350102", 2023))).isEqualTo("350102|福州市鼓楼区人民政府|2023");
        assertThat(ReportIdentity.of(report("a", "福州市鼓楼区人民政府", "350102", 2023)).issuerKey()).isEqualTo("350102|福州市鼓楼区人民政府");
        assertThat(ReportIdentity.issuerKeyOf("350102|福州市鼓楼区人民政府|2023")).isEqualTo("350102|福州市鼓楼区人民政府");
    }

    @Test
    void sameNamedDistrictsOfDifferentCitiesDiffer() {
        assertThat(ReportIdentity.key(report("a", "鼓楼区人民政府", "350102", 2023)))
                .isNotEqualTo(ReportIdentity.key(report("b", "鼓楼区人民政府", "320106", 2023)));
    }

    @Test
    void theIssuerIsNormalisedSoSpacingAndWidthDoNotSplitAReport() {
        assertThat(ReportIdentity.key(report("a", "某某市 人民政府（办公室）", "?", 2023)))
                .isEqualTo(ReportIdentity.key(report("b", "某某市人民政府(办公室)", null, 2023)));
    }

    @Test
    void unknownsAreExplicitAndNeverMergeTwoReports() {
        String a = ReportIdentity.key(report("a", null, null, 2023));
        String b = ReportIdentity.key(report("b", null, null, 2023));
        assertThat(a).startsWith("?|?#a|").isNotEqualTo(b);
        assertThat(ReportIdentity.key(report("c", "某局", null, null))).isEqualTo("?|某局|?#c");
        assertThat(ReportIdentity.of(report("c", "某局", null, null)).neighbour(-1)).isEmpty();
        assertThat(ReportIdentity.of(report("d", "某局", "110000", 2022)).neighbour(-1)).contains("110000|某局|2021");
    }
}
