package io.nianbao.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Report links on listings as real portals print them. */
class ListingExtractorTest {

    private final ListingExtractor extractor = new ListingExtractor(null, 10);

    @Test
    void findsReportTitlesCmsPathsAttachmentsAndPaginationWithRelativeLinks() {
        String html = """
                <html><head><meta charset="utf-8"></head><body>
                <div class="nav"><a href="/">首页</a> &gt; <a href="../">政府信息公开</a> &gt; <a href="./">政府信息公开年报</a></div>
                <ul class="list">
                  <li><a href="./202201/t20220124_1239406.shtml" title="南昌县人民政府2021年政府信息公开工作年度报告">南昌县人民政府2021年政府信息公开工作年度…</a><span>2022-01-24</span></li>
                  <li><a href="../../xxgk/202101/t20210129_99.html">2020年度政府信息公开工作年度报告</a><span>[2021-01-29]</span></li>
                  <li><a href="/files/2019nianbao.pdf">南昌县2019年政府信息公开年报（PDF）</a> 2020年3月2日</li>
                  <li><a href="./202301/t20230110_77.shtml">关于开展政务公开培训的通知</a><span>2023-01-10</span></li>
                  <li><a href="./202302/t20230201_80.shtml">政府信息公开工作年度报告</a></li>
                </ul>
                <div class="page"><a href="index.shtml">首页</a><a href="index_1.shtml">2</a><a href="index_2.shtml">3</a><a href="index_1.shtml">下一页</a>
                <a href="/other/index_3.shtml">elsewhere</a></div>
                </body></html>""";
        Listing l = extractor.extract(html, "http://127.0.0.1:8080/zwgk/nb/index.shtml", "text/html");
        assertThat(l.reports()).extracting(Listing.Link::url).containsExactly(
                "http://127.0.0.1:8080/zwgk/nb/202201/t20220124_1239406.shtml",
                "http://127.0.0.1:8080/xxgk/202101/t20210129_99.html",
                "http://127.0.0.1:8080/files/2019nianbao.pdf",
                "http://127.0.0.1:8080/zwgk/nb/202302/t20230201_80.shtml");
        Listing.Link first = l.reports().getFirst();
        assertThat(first.title()).isEqualTo("南昌县人民政府2021年政府信息公开工作年度报告");
        assertThat(first.year()).isEqualTo(2021);
        assertThat(first.publishedOn()).isEqualTo(LocalDate.of(2022, 1, 24));
        assertThat(l.reports().get(1).publishedOn()).isEqualTo(LocalDate.of(2021, 1, 29));
        assertThat(l.reports().get(2).attachment()).isTrue();
        assertThat(l.reports().get(2).publishedOn()).isEqualTo(LocalDate.of(2020, 3, 2));
        assertThat(l.pages()).containsExactly("http://127.0.0.1:8080/zwgk/nb/index_1.shtml", "http://127.0.0.1:8080/zwgk/nb/index_2.shtml");
    }

    @Test
    void trsScriptPaginationAndALinkPattern() {
        String html = "<a href='./t20220124_1.html'>第一篇</a><a href='./t20230124_2.html'>第二篇</a>"
                + "<script>createPageHTML(3, 0, \"index\", \"html\");</script>";
        Listing l = new ListingExtractor("/t2022\\d{4}_", 10).extract(html, "http://h/nb/", null);
        assertThat(l.reports()).extracting(Listing.Link::url).containsExactly("http://h/nb/t20220124_1.html");
        assertThat(l.pages()).containsExactly("http://h/nb/index_1.html", "http://h/nb/index_2.html");
    }

    @Test
    void aJavaScriptBuiltListServedAsJson() {
        String json = """
                {"code":0,"data":{"total":2,"list":[
                  {"DOCTITLE":"分宜县2022年政府信息公开工作年度报告","DOCPUBURL":"/art/2023/1/20/art_1_123.html","DOCRELTIME":"2023-01-20 09:00:00"},
                  {"DOCTITLE":"分宜县关于防汛的通知","DOCPUBURL":"/art/2023/1/21/art_1_124.html"},
                  {"title":"分宜县2021年政府信息公开工作年度报告","url":"https://h.example/nb/2021.docx","date":"2022年2月8日"}]}}""";
        Listing l = extractor.extract(json, "http://h.example/api/list?column=12", "application/json");
        assertThat(l.reports()).extracting(Listing.Link::url).containsExactly("http://h.example/art/2023/1/20/art_1_123.html", "https://h.example/nb/2021.docx");
        assertThat(l.reports().getFirst().publishedOn()).isEqualTo(LocalDate.of(2023, 1, 20));
        assertThat(l.reports().get(1).publishedOn()).isEqualTo(LocalDate.of(2022, 2, 8));
        assertThat(l.reports().get(1).attachment()).isTrue();
    }

    @Test
    void rssAndAtomFeeds() {
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>年报</title>
                <item><title>XX市2022年政府信息公开工作年度报告</title><link>http://h/nb/t20230128_5.html</link><pubDate>Sat, 28 Jan 2023 08:00:00 +0800</pubDate></item>
                <item><title>通知</title><link>http://h/nb/t20230129_6.html</link></item></channel></rss>""";
        Listing l = extractor.extract(rss, "http://h/feed.xml", "application/rss+xml");
        assertThat(l.reports()).extracting(Listing.Link::url).containsExactly("http://h/nb/t20230128_5.html");
        assertThat(l.reports().getFirst().publishedOn()).isEqualTo(LocalDate.of(2023, 1, 28));
        String atom = """
                <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
                <entry><title>2022年度政府信息公开年报</title><link href="/nb/2022.html"/><updated>2023-02-03T10:00:00Z</updated></entry></feed>""";
        Listing a = extractor.extract(atom, "http://h/atom.xml", "application/atom+xml");
        assertThat(a.reports()).extracting(Listing.Link::url).containsExactly("http://h/nb/2022.html");
        assertThat(a.reports().getFirst().publishedOn()).isEqualTo(LocalDate.of(2023, 2, 3));
    }

    @Test
    void aReportPagesAttachmentsAndDate() {
        String html = """
                <html><head><meta name="PubDate" content="2022-02-10 10:00"></head><body>
                <h1>某县2021年政府信息公开工作年度报告</h1><p>正文</p>
                <p>附件：<a href="/files/P020220210.pdf">年报.pdf</a> <a href="./W0202.docx">年报.docx</a> <a href="x.DOC#p">doc</a> <a href="/a.html">not</a></p>
                </body></html>""";
        assertThat(ListingExtractor.attachments(html, "http://h/nb/202202/t20220210_1.html"))
                .containsExactly("http://h/files/P020220210.pdf", "http://h/nb/202202/W0202.docx", "http://h/nb/202202/x.DOC");
        assertThat(ListingExtractor.pageDate(html)).isEqualTo(LocalDate.of(2022, 2, 10));
        assertThat(ListingExtractor.pageDate("<p>发布时间：2023年01月30日</p>")).isEqualTo(LocalDate.of(2023, 1, 30));
    }

    @Test
    void titlesGiveYearAndPublisher() {
        assertThat(ReportTitles.publisher("南昌县人民政府2022年政府信息公开工作年度报告")).isEqualTo("南昌县人民政府");
        assertThat(ReportTitles.publisher("2022年南昌县政府信息公开工作年度报告")).isEqualTo("南昌县");
        assertThat(ReportTitles.publisher("江西省教育厅2021年度政府信息公开工作年度报告")).isEqualTo("江西省教育厅");
        assertThat(ReportTitles.publisher("2022年政府信息公开工作年度报告")).isNull();
        assertThat(ReportTitles.year("2020年度政府信息公开工作年度报告")).isEqualTo(2020);
        assertThat(ReportTitles.namesAReport("关于开展2023年培训的通知")).isFalse();
        assertThat(ReportTitles.dateInUrl("http://h/a/202201/t20220124_1239406.shtml")).isEqualTo(LocalDate.of(2022, 1, 24));
    }
}
