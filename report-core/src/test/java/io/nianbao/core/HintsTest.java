package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import org.junit.jupiter.api.Test;

/** Hints given at ingest fill only what the text does not say, and are marked as hints. */
class HintsTest {

    private static final String NO_PLACE = "本机关2019年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n";
    private final ReportParser parser = new ReportParser();

    @Test
    void theSiteHostPlacesAReportThatNamesNoPlace() {
        ParsedReport r = parser.parse("x", NO_PLACE, new ReportHints("http://www.fenyi.gov.cn/art/2020/1/1/art_1.html", null, null));
        assertThat(r.province()).isEqualTo("江西省");
        assertThat(r.region()).isEqualTo("新余市 分宜县");
        assertThat(r.hintedFields()).contains("province", "region");
    }

    @Test
    void aHostThatNamesNoPlaceGivesNothing() {
        ParsedReport r = parser.parse("x", NO_PLACE, new ReportHints("https://www.example.com/report", null, null));
        assertThat(r.province()).isNull();
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("PROVINCE_NOT_FOUND"));
    }

    @Test
    void theTextWinsOverHints() {
        ParsedReport r = parser.parse("x", Samples.text(Samples.S003), new ReportHints("http://www.fenyi.gov.cn/", "某某局", 2015));
        assertThat(r.province()).isEqualTo("宁夏回族自治区");
        assertThat(r.issuer()).isEqualTo("同心县人民政府办公室");
        assertThat(r.reportYear()).isEqualTo(2020);
        assertThat(r.hintedFields()).isEmpty();
    }

    @Test
    void publisherAndYearHintsFillTheGaps() {
        ParsedReport r = parser.parse("x", Samples.text(Samples.S001), new ReportHints(null, "南昌高新区管委会", 2019));
        assertThat(r.reportYear()).isEqualTo(2019);
        assertThat(r.hintedFields()).containsExactly("reportYear");
        assertThat(r.issuer()).isEqualTo("南昌高新区管委会");
    }
}
