package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ReviewBlock;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every cell of sections 三 and 四, the values of section 二 and the metadata of the five real samples. */
class GoldenSamplesTest {

    private static final ReportParser PARSER = new ReportParser();

    @ParameterizedTest
    @ValueSource(strings = {Samples.S000, Samples.S001, Samples.S002, Samples.S003, Samples.S004})
    void sampleParsesExactly(String sample) throws IOException {
        Properties golden = golden(sample.substring(0, 3));
        ParsedReport r = PARSER.parse(sample, Samples.text(sample), ReportHints.NONE);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.issuer()).as("issuer").isEqualTo(blankToNull(golden.getProperty("issuer")));
        soft.assertThat(r.reportYear() == null ? null : r.reportYear().toString()).as("reportYear").isEqualTo(blankToNull(golden.getProperty("reportYear")));
        soft.assertThat(r.province()).as("province").isEqualTo(golden.getProperty("province"));
        soft.assertThat(r.region()).as("region").isEqualTo(golden.getProperty("region"));
        soft.assertThat(r.template().id()).as("template").isEqualTo(golden.getProperty("template"));
        soft.assertThat(r.publishedDate()).as("publishedDate").isEqualTo(blankToNull(golden.getProperty("publishedDate")));
        soft.assertThat(r.documentNumber()).as("documentNumber").isEqualTo(blankToNull(golden.getProperty("documentNumber")));

        List<String> appRows = new ArrayList<>();
        for (String key : golden.stringPropertyNames()) {
            String value = golden.getProperty(key);
            if (key.startsWith("applications.")) {
                String row = key.substring("applications.".length());
                appRows.add(row);
                soft.assertThat(values(r.applications(), row, ApplicantColumn.ALL.stream().map(ApplicantColumn::id).toList()))
                        .as("applications " + row).isEqualTo(value);
            } else if (key.startsWith("reviewLitigation.")) {
                String block = key.substring("reviewLitigation.".length());
                soft.assertThat(values(r.reviewLitigation(), block, ReviewBlock.Column.ALL.stream().map(ReviewBlock.Column::id).toList()))
                        .as("reviewLitigation " + block).isEqualTo(value);
            } else if (key.startsWith("activeDisclosure.")) {
                String row = key.substring("activeDisclosure.".length());
                StringBuilder actual = new StringBuilder();
                Map<String, Cell> cells = r.activeDisclosure().rows().get(row);
                if (cells != null) cells.forEach((c, cell) -> actual.append(actual.isEmpty() ? "" : ",").append(c).append(':').append(format(cell.value())));
                soft.assertThat(actual.toString()).as("activeDisclosure " + row).isEqualTo(value);
            }
        }
        // no row the golden file does not know of
        soft.assertThat(r.applications().rows().keySet()).as("applications rows").containsExactlyInAnyOrderElementsOf(appRows);
        soft.assertAll();
    }

    private static String values(Table table, String row, List<String> columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns) out.add(format(table.value(row, c)));
        return String.join(",", out);
    }

    private static String format(Double v) {
        if (v == null) return "";
        return v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Properties golden(String id) throws IOException {
        Properties p = new Properties();
        try (var in = GoldenSamplesTest.class.getResourceAsStream("/golden/" + id + ".properties")) {
            assertThat(in).as("golden file " + id).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
