package io.nianbao.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.avro.FetchedPageRecord;
import io.nianbao.contracts.avro.SourceRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

    private static FetchedPageRecord page(String url, String source, String publisher, Integer year, String on, String firstSeen) {
        return FetchedPageRecord.newBuilder().setUrl(url).setSourceUrl(source).setKind(FollowWatcher.REPORT).setOutcome("ok")
                .setFetchedAt(Instant.parse(firstSeen)).setFirstSeenAt(Instant.parse(firstSeen)).setVersions(1).setPublisher(publisher)
                .setReportYear(year).setPublishedOn(on).setTitle(publisher + year + "年政府信息公开工作年度报告").build();
    }

    @Test
    void publishedMissingAndLatePerSourceAndProvince() {
        SourceRecord county = SourceRecord.newBuilder().setUrl("http://fenyi/nb/").setPublisher("分宜县人民政府").setPlace("江西省新余市分宜县").setAddedAt(Instant.EPOCH).build();
        SourceRecord city = SourceRecord.newBuilder().setUrl("http://city/nb/").setAddedAt(Instant.EPOCH).build();
        List<FetchedPageRecord> pages = List.of(
                page("http://fenyi/nb/2022.html", "http://fenyi/nb/", "分宜县人民政府", 2022, "2023-01-20", "2023-01-21T00:00:00Z"),
                page("http://city/nb/a2022.html", "http://city/nb/", "新余市渝水区人民政府", 2022, null, "2023-02-15T00:00:00Z"),
                page("http://city/nb/b2021.html", "http://city/nb/", "新余市仙女湖区管委会", 2021, "2022-01-10", "2022-01-11T00:00:00Z"));
        Coverage.Report r = new Coverage().of(2022, List.of(county, city), pages);
        assertThat(r.sources()).hasSize(2);
        Coverage.SourceCoverage c = r.sources().get(0);
        assertThat(c.source()).isEqualTo("http://city/nb/");
        assertThat(c.province()).isEqualTo("江西省");
        assertThat(c.published()).extracting(Coverage.Published::publisher).containsExactly("新余市渝水区人民政府");
        assertThat(c.late()).extracting(Coverage.Published::publisher).containsExactly("新余市渝水区人民政府");
        assertThat(c.late().getFirst().dateFromFirstSeen()).isTrue();
        assertThat(c.missing()).containsExactly("新余市仙女湖区管委会");
        Coverage.SourceCoverage f = r.sources().get(1);
        assertThat(f.published()).singleElement().satisfies(p -> assertThat(p.late()).isFalse());
        assertThat(r.provinces()).singleElement().satisfies(p -> {
            assertThat(p.province()).isEqualTo("江西省");
            assertThat(p.published()).hasSize(2);
            assertThat(p.missing()).containsExactly("新余市仙女湖区管委会");
        });
        // a publisher another province's name places counts there, whatever its source's place
        SourceRecord portal = SourceRecord.newBuilder().setUrl("http://jx/nb/").setPlace("江西省").setAddedAt(Instant.EPOCH).build();
        Coverage.Report mixed = new Coverage().of(2019, List.of(portal), List.of(
                page("http://jx/nb/1.html", "http://jx/nb/", "刚察县", 2019, "2020-02-03", "2020-02-03T00:00:00Z"),
                page("http://jx/nb/2.html", "http://jx/nb/", "安源区", 2019, "2020-01-25", "2020-01-25T00:00:00Z")));
        assertThat(mixed.sources().getFirst().province()).isEqualTo("江西省");
        assertThat(mixed.provinces()).extracting(Coverage.ProvinceCoverage::province).containsExactly("江西省", "青海省");
        assertThat(mixed.provinces().get(1).late()).extracting(Coverage.Published::publisher).containsExactly("刚察县");
        assertThat(mixed.places()).containsExactly(java.util.Map.entry("刚察县", "青海省"));
        assertThat(Coverage.csv(mixed)).contains("2019,青海省,http://jx/nb/,刚察县,late,").contains("2019,江西省,http://jx/nb/,安源区,published,");
        String csv = Coverage.csv(r);
        assertThat(csv).startsWith("\uFEFFyear,province,source,publisher,status");
        assertThat(csv).contains("2022,江西省,http://city/nb/,新余市渝水区人民政府,late,2023-02-15,first seen,http://city/nb/a2022.html\r\n")
                .contains(",新余市仙女湖区管委会,missing,");
    }
}
