package io.nianbao.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import io.nianbao.core.synth.SyntheticReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated reports written as PDFs with PDFBox and a Chinese font (ruled tables, wrapped labels with
 * their values on the middle line, blank cells, rows broken across pages, running headers and page
 * numbers), read back through {@link DocumentReader}: every cell comes back.
 */
class GeneratedPdfTest {

    private static Path font;

    @BeforeAll
    static void font() throws Exception {
        font = CjkFont.ensureInstalled();
    }

    static java.util.stream.LongStream seeds() {
        return java.util.stream.LongStream.rangeClosed(1, 60).map(i -> i * 7919);
    }

    /** 60 reports of both templates, one in three in traditional script, one cell in ten blank. */
    @ParameterizedTest
    @MethodSource("seeds")
    void everyCellComesBack(long seed) throws Exception {
        SyntheticReport r = new ReportGenerator(seed, 0.1).next();
        String text = new ReportRenderer(seed).render(r, ReportRenderer.Layout.TAB_ROWS, seed % 3 == 0);
        byte[] pdf = ReportPdfWriter.write(text, font);
        DocumentText d = DocumentReader.read(pdf, "application/pdf", null, null);
        assertThat(d.pages()).isGreaterThan(1);
        assertThat(d.text().lines()).noneMatch(l -> l.strip().matches("-\\s*\\d+\\s*-"));
        ParsedReport parsed = new ReportParser().parse("pdf", d, ReportHints.NONE);
        List<String> diffs = new ArrayList<>();
        compare("activeDisclosure", r.activeDisclosure(), parsed.activeDisclosure(), diffs);
        compare("applications", r.applications(), parsed.applications(), diffs);
        compare("reviewLitigation", r.reviewLitigation(), parsed.reviewLitigation(), diffs);
        assertThat(diffs).as("seed " + seed + " " + r.template() + "\n" + d.text()).isEmpty();
        assertThat(parsed.template()).isEqualTo(r.template());
        assertThat(parsed.reportYear()).isEqualTo(r.reportYear());
        assertThat(parsed.issuer()).isEqualTo(r.issuer());
    }

    private static void compare(String section, Table expected, Table actual, List<String> diffs) {
        for (Map.Entry<String, Map<String, Cell>> row : expected.rows().entrySet()) {
            for (Map.Entry<String, Cell> cell : row.getValue().entrySet()) {
                Double want = cell.getValue().value();
                Double got = actual.value(row.getKey(), cell.getKey());
                boolean same = want == null ? got == null : got != null && Math.abs(want - got) < 1e-9;
                if (!same) diffs.add(section + " " + row.getKey() + "." + cell.getKey() + ": want " + want + ", got " + got);
            }
        }
    }
}
