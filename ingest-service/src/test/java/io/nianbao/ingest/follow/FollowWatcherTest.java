package io.nianbao.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicAdmin;
import io.nianbao.contracts.avro.FetchedPageRecord;
import io.nianbao.contracts.avro.SourceRecord;
import io.nianbao.ingest.ReportIntake;
import io.nianbao.testsupport.TestKafka;
import io.nianbao.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher against a portal served on 127.0.0.1 by the test, on a real broker and registry (its own
 * topics per test, so tests do not see each other's sources): what it brings, what it refuses to do, a
 * restart, and two instances sharing the sources.
 */
class FollowWatcherTest {

    record Ingested(String url, String contentType, String publisher, Integer year, String fileName, String id, long at) {
    }

    private PortalServer portal;
    private final List<Ingested> ingested = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final List<FollowWatcher> watchers = new ArrayList<>();
    private Topic<SourceRecord> sources;
    private Topic<FetchedPageRecord> pages;

    @BeforeEach
    void setUp() throws Exception {
        portal = new PortalServer();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        sources = new Topic<>("test.follow.sources-" + suffix, SourceRecord.class, Topic.Kind.TABLE);
        pages = new Topic<>("test.follow.fetched-pages-" + suffix, FetchedPageRecord.class, Topic.Kind.TABLE);
        // two partitions whatever NIANBAO_PARTITIONS says: the two-instance test puts sources in both
        TopicAdmin.create(TestKafka.bootstrapServers(), List.of(sources, pages), TestKafka.SETTINGS.with(2, (short) 1, 1));
        portal.put("/robots.txt", PortalServer.Page.of("text/plain", "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void tearDown() {
        for (FollowWatcher w : watchers) w.close();
        portal.close();
    }

    private FollowConfig config(String group) {
        return new FollowConfig(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(20), Duration.ofMillis(800), Duration.ofSeconds(2),
                Duration.ofDays(1), 5, 5L * 1024 * 1024, FollowConfig.USER_AGENT, group, TestKafka.bootstrapServers(), TestRegistry.url(), sources, pages,
                Duration.ofMillis(100), 4);
    }

    private FollowWatcher watcher(FollowConfig config) {
        FollowWatcher w = new FollowWatcher(config, (body, type, url, publisher, year, fileName) -> {
            String id = ReportIntake.id(body);
            ingested.add(new Ingested(url, type, publisher, year, fileName, id, System.currentTimeMillis()));
            return new DocumentSink.Outcome(id, false, null);
        }, new FollowListener() {
            @Override
            public void error(String source, String url, String kind, String message) {
                errors.merge(kind, 1, Integer::sum);
            }
        }, Clock.systemUTC()).start();
        watchers.add(w);
        return w;
    }

    private static SourceRecord source(String url, String publisher, Long every) {
        return SourceRecord.newBuilder().setUrl(url).setPublisher(publisher).setEverySeconds(every).setAddedAt(Instant.now()).build();
    }

    private List<String> ingestedUrls() {
        return ingested.stream().map(Ingested::url).toList();
    }

    private static String listing(String... items) {
        return "<html><body><div class='crumb'><a href='/'>首页</a></div><ul>" + String.join("\n", items) + "</ul></body></html>";
    }

    private static String item(String href, String title, String date) {
        return "<li><a href='" + href + "' target='_blank'>" + title + "</a><span>" + date + "</span></li>";
    }

    private static String report(String title, String attachment) {
        return "<html><head><meta name='PubDate' content='2023-01-20 09:00'></head><body><h1>" + title + "</h1><p>一、总体情况……</p>"
                + (attachment == null ? "" : "<p>附件：<a href='" + attachment + "'>年报全文</a></p>") + "</body></html>";
    }

    private static byte[] pdf(String marker) {
        return ("%PDF-1.4\n% " + marker + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bringsAPortalsReportsAndAttachmentsAndANewReportWithinOneInterval() throws Exception {
        portal.put("/zwgk/nb/index.shtml", PortalServer.Page.html(listing(
                item("./202301/t20230120_1.shtml", "分宜县人民政府2022年政府信息公开工作年度报告", "2023-01-20"),
                item("../../files/2020nb.pdf", "分宜县人民政府2020年政府信息公开工作年度报告", "2021-01-28"),
                item("./202301/t20230121_2.shtml", "关于春节值班的通知", "2023-01-21"),
                "<div class='page'><a href='index_1.shtml'>下一页</a></div>")));
        portal.put("/zwgk/nb/index_1.shtml", PortalServer.Page.html(listing(
                item("/zwgk/nb/202201/t20220125_3.shtml", "分宜县人民政府2021年政府信息公开工作年度报告", "2022-01-25"))));
        portal.put("/zwgk/nb/202301/t20230120_1.shtml", PortalServer.Page.html(report("分宜县人民政府2022年政府信息公开工作年度报告", "/files/P0202301.pdf")));
        portal.put("/files/P0202301.pdf", PortalServer.Page.of("application/pdf", pdf("2022")));
        portal.put("/files/2020nb.pdf", PortalServer.Page.of("application/octet-stream", pdf("2020")));
        portal.put("/zwgk/nb/202201/t20220125_3.shtml", PortalServer.Page.html(report("分宜县人民政府2021年政府信息公开工作年度报告", null)));
        // a JavaScript-built column: the page's script loads this JSON
        portal.put("/api/column/12.json", PortalServer.Page.of("application/json", """
                {"data":{"list":[{"DOCTITLE":"新余市2022年政府信息公开工作年度报告","DOCPUBURL":"/art/2023/1/30/art_9.html","DOCRELTIME":"2023-01-30"}]}}"""
                .getBytes(StandardCharsets.UTF_8)));
        portal.put("/art/2023/1/30/art_9.html", PortalServer.Page.html(report("新余市2022年政府信息公开工作年度报告", null)));

        FollowWatcher w = watcher(config("g-" + UUID.randomUUID()));
        w.put(source(portal.url("/zwgk/nb/index.shtml"), "分宜县人民政府", 1L));
        w.put(source(portal.url("/api/column/12.json"), null, 1L));

        await().atMost(Duration.ofSeconds(60)).until(() -> ingested.size() >= 5);
        assertThat(ingestedUrls()).containsExactlyInAnyOrder(
                portal.url("/zwgk/nb/202301/t20230120_1.shtml"), portal.url("/files/P0202301.pdf"), portal.url("/files/2020nb.pdf"),
                portal.url("/zwgk/nb/202201/t20220125_3.shtml"), portal.url("/art/2023/1/30/art_9.html"));
        Ingested pdf = ingested.stream().filter(i -> i.url().endsWith("P0202301.pdf")).findFirst().orElseThrow();
        assertThat(pdf.publisher()).isEqualTo("分宜县人民政府");
        assertThat(pdf.year()).isEqualTo(2022);
        assertThat(pdf.fileName()).isEqualTo("P0202301.pdf");
        assertThat(ingested.stream().filter(i -> i.url().endsWith("art_9.html")).findFirst().orElseThrow().year()).isEqualTo(2022);

        // the next polls ask conditionally and get 304: nothing is fetched or ingested again
        await().atMost(Duration.ofSeconds(10)).until(() -> portal.log.stream().anyMatch(r -> r.path().equals("/zwgk/nb/index.shtml") && r.ifNoneMatch() != null));
        Thread.sleep(1500);
        assertThat(ingested).hasSize(5);
        assertThat(portal.count("/zwgk/nb/202301/t20230120_1.shtml")).isEqualTo(1);
        assertThat(portal.count("/robots.txt")).isEqualTo(1);

        // a report added between two polls arrives within one interval (1 s, plus the fetch)
        portal.put("/zwgk/nb/202302/t20230201_4.shtml", PortalServer.Page.html(report("分宜县人民政府2019年政府信息公开工作年度报告", null)));
        portal.put("/zwgk/nb/index.shtml", PortalServer.Page.html(listing(
                item("./202302/t20230201_4.shtml", "分宜县人民政府2019年政府信息公开工作年度报告", "2023-02-01"),
                item("./202301/t20230120_1.shtml", "分宜县人民政府2022年政府信息公开工作年度报告", "2023-01-20"),
                item("../../files/2020nb.pdf", "分宜县人民政府2020年政府信息公开工作年度报告", "2021-01-28"),
                "<div class='page'><a href='index_1.shtml'>下一页</a></div>")));
        long added = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(10)).until(() -> ingested.size() >= 6);
        long took = ingested.get(5).at() - added;
        assertThat(ingested.get(5).url()).isEqualTo(portal.url("/zwgk/nb/202302/t20230201_4.shtml"));
        assertThat(took).as("ms from the listing's change to the report's ingest: one interval (1 s) and the fetch").isLessThan(2500);

        // the listing's status and what the source brought
        await().atMost(Duration.ofSeconds(5)).until(() -> w.views().stream().anyMatch(v -> v.url().endsWith("index.shtml") && v.reports() == 5));
        FollowWatcher.SourceView v = w.views().stream().filter(x -> x.url().endsWith("index.shtml")).findFirst().orElseThrow();
        assertThat(v.lastPoll()).isNotNull();
        assertThat(v.status()).isIn("ok", "not-modified");
        assertThat(v.ownedHere()).isTrue();

        Coverage.Report coverage = new Coverage().of(2022, w.sources().values(), w.pages().values());
        Coverage.SourceCoverage county = coverage.sources().stream().filter(c -> c.source().endsWith("index.shtml")).findFirst().orElseThrow();
        assertThat(county.published()).singleElement().satisfies(p -> {
            assertThat(p.publisher()).isEqualTo("分宜县人民政府");
            assertThat(p.publishedOn()).hasToString("2023-01-20");
            assertThat(p.late()).isFalse();
        });
        Coverage.Report y2019 = new Coverage().of(2019, w.sources().values(), w.pages().values());
        assertThat(y2019.sources().stream().filter(c -> c.source().endsWith("index.shtml")).findFirst().orElseThrow().late())
                .singleElement().satisfies(p -> assertThat(p.publishedOn()).hasToString("2023-02-01"));
    }

    @Test
    void errorsAreRecordedAndBackedOffAndASiteRecovers() throws Exception {
        portal.put("/nb/index.html", PortalServer.Page.html(listing(
                item("/nb/gone.html", "甲县2022年政府信息公开工作年度报告", "2023-01-10"),
                item("/nb/slow.html", "乙县2022年政府信息公开工作年度报告", "2023-01-11"),
                item("/nb/loop-a.html", "丙县2022年政府信息公开工作年度报告", "2023-01-12"),
                item("/private/nb/2022.html", "丁县2022年政府信息公开工作年度报告", "2023-01-13"),
                item("/nb/moved.html", "戊县2022年政府信息公开工作年度报告", "2023-01-14"))));
        portal.put("/nb/slow.html", PortalServer.Page.html(report("乙县2022年政府信息公开工作年度报告", null)).slow(4000));
        portal.put("/nb/loop-a.html", PortalServer.Page.redirect("/nb/loop-b.html"));
        portal.put("/nb/loop-b.html", PortalServer.Page.redirect(portal.url("/nb/loop-a.html")));
        portal.put("/private/nb/2022.html", PortalServer.Page.html(report("丁县", null)));
        portal.put("/nb/moved.html", PortalServer.Page.redirect("/nb/2022/wu.html"));
        portal.put("/nb/2022/wu.html", PortalServer.Page.html(report("戊县2022年政府信息公开工作年度报告", null)));
        // another site: 500 twice, then the listing
        portal.sequence("/down/index.html", PortalServer.Page.status(500), PortalServer.Page.status(500),
                PortalServer.Page.html(listing(item("/down/2022.html", "己县2022年政府信息公开工作年度报告", "2023-01-15"))));
        portal.put("/down/2022.html", PortalServer.Page.html(report("己县2022年政府信息公开工作年度报告", null)));

        FollowWatcher w = watcher(config("g-" + UUID.randomUUID()));
        w.put(source(portal.url("/nb/index.html"), null, 1L));
        w.put(source(portal.url("/down/index.html"), null, 1L));

        await().atMost(Duration.ofSeconds(60)).until(() -> ingested.size() >= 2 && w.pages().containsKey(portal.url("/nb/slow.html")));
        assertThat(ingestedUrls()).containsExactlyInAnyOrder(portal.url("/nb/moved.html"), portal.url("/down/2022.html"));
        Map<String, FetchedPageRecord> fetched = w.pages();
        assertThat(fetched.get(portal.url("/nb/gone.html")).getOutcome()).isEqualTo("http-4xx");
        assertThat(fetched.get(portal.url("/nb/gone.html")).getHttpStatus()).isEqualTo(404);
        assertThat(fetched.get(portal.url("/nb/slow.html")).getOutcome()).isEqualTo("timeout");
        assertThat(fetched.get(portal.url("/nb/loop-a.html")).getOutcome()).isEqualTo("redirect");
        assertThat(fetched.get(portal.url("/nb/loop-a.html")).getError()).contains("loop");
        assertThat(fetched.get(portal.url("/private/nb/2022.html")).getOutcome()).isEqualTo("robots");
        assertThat(portal.count("/private/nb/2022.html")).isZero();
        assertThat(errors).containsKeys("http-4xx", "timeout", "redirect", "robots", "http-5xx");
        // the 500s: two failed polls, backed off (1 s, then 2 s), then the site's report
        assertThat(portal.count("/down/index.html")).isGreaterThanOrEqualTo(3);
        assertThat(fetched.get(portal.url("/down/index.html")).getOutcome()).isIn("ok", "not-modified");
        List<PortalServer.Request> down = portal.log.stream().filter(r -> r.path().equals("/down/index.html")).toList();
        assertThat(down.get(2).at() - down.get(1).at()).as("the second retry waits twice the interval").isGreaterThanOrEqualTo(1800);
    }

    @Test
    void aRecordThatIsNotAvroOnTheSourcesTopicIsSkippedAndTheNextSourceFollowed() throws Exception {
        io.nianbao.testsupport.TestProducer.sendBytes(sources.name(), "not-a-source", "not Avro at all".getBytes(StandardCharsets.UTF_8));
        portal.put("/poison/index.html", PortalServer.Page.html(listing(item("/poison/t20230120_1.html", "辛县2022年政府信息公开工作年度报告", "2023-01-20"))));
        portal.put("/poison/t20230120_1.html", PortalServer.Page.html(report("辛县2022年政府信息公开工作年度报告", null)));
        FollowWatcher w = watcher(config("g-" + UUID.randomUUID()));
        w.put(source(portal.url("/poison/index.html"), "辛县人民政府", 1L));
        await().atMost(Duration.ofSeconds(60)).until(() -> ingestedUrls().contains(portal.url("/poison/t20230120_1.html")));
    }

    @Test
    void newBytesAreANewVersionAndARestartFetchesNothingAgain() throws Exception {
        portal.put("/nb/index.html", PortalServer.Page.html(listing(item("/nb/t20230120_1.html", "庚县2022年政府信息公开工作年度报告", "2023-01-20"))));
        portal.put("/nb/t20230120_1.html", PortalServer.Page.html(report("庚县2022年政府信息公开工作年度报告", null)));
        FollowConfig config = config("g-" + UUID.randomUUID()).withRecheck(Duration.ofSeconds(1));
        FollowWatcher w = watcher(config);
        w.put(source(portal.url("/nb/index.html"), "庚县人民政府", 1L));
        await().atMost(Duration.ofSeconds(60)).until(() -> ingested.size() >= 1);
        // asked again after the recheck interval: the same bytes (304 here) are not ingested again
        await().atMost(Duration.ofSeconds(10)).until(() -> portal.count("/nb/t20230120_1.html") >= 3);
        assertThat(ingested).hasSize(1);
        // the page is corrected: its new bytes are a new version with the same source URL
        portal.put("/nb/t20230120_1.html", PortalServer.Page.html(report("庚县2022年政府信息公开工作年度报告（更正）", null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> ingested.size() >= 2);
        assertThat(ingested.get(1).url()).isEqualTo(ingested.get(0).url());
        assertThat(ingested.get(1).id()).isNotEqualTo(ingested.get(0).id());
        await().atMost(Duration.ofSeconds(5)).until(() -> w.pages().get(portal.url("/nb/t20230120_1.html")).getVersions() == 2);

        // a restart reads what was fetched: with a long recheck, no report page is fetched again
        w.close();
        watchers.remove(w);
        Thread.sleep(300);
        long pageFetches = portal.count("/nb/t20230120_1.html");
        long listingFetches = portal.count("/nb/index.html");
        FollowWatcher again = watcher(config.withRecheck(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> portal.count("/nb/index.html") > listingFetches + 1);
        assertThat(portal.count("/nb/t20230120_1.html")).isEqualTo(pageFetches);
        assertThat(ingested).hasSize(2);
        assertThat(again.pages().get(portal.url("/nb/t20230120_1.html")).getVersions()).isEqualTo(2);
    }

    @Test
    void twoInstancesShareTheSourcesAndNeverFetchAPageTwice() throws Exception {
        // six sources, three in each partition of the sources topic (a source's partition is its key's, as the producer's partitioner puts it)
        List<String> listings = new ArrayList<>();
        List<Integer> sites = new ArrayList<>();
        int[] perPartition = new int[2];
        for (int s = 0; sites.size() < 6; s++) {
            String base = "/site" + s + "/nb/";
            int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    portal.url(base + "index.html").getBytes(StandardCharsets.UTF_8))) % 2;
            if (perPartition[partition] == 3) continue;
            perPartition[partition]++;
            sites.add(s);
            List<String> items = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                String path = base + "t2023012" + r + "_" + s + r + ".html";
                String title = "县" + s + "部门" + r + "2022年政府信息公开工作年度报告";
                items.add(item(path, title, "2023-01-2" + r));
                portal.put(path, PortalServer.Page.html(report(title, null)));
            }
            portal.put(base + "index.html", PortalServer.Page.html(listing(items.toArray(String[]::new))));
            listings.add(portal.url(base + "index.html"));
        }
        String group = "g-" + UUID.randomUUID();
        FollowWatcher a = watcher(config(group).withUserAgent("nianbao/0.1 (a)"));
        for (String l : listings) a.put(source(l, null, 1L));
        // the second instance joins while the first is polling
        await().atMost(Duration.ofSeconds(60)).until(() -> !ingested.isEmpty());
        FollowWatcher b = watcher(config(group).withUserAgent("nianbao/0.1 (b)"));
        await().atMost(Duration.ofSeconds(60)).until(() -> ingested.size() >= 18 && !b.ownedPartitions().isEmpty() && !a.ownedPartitions().isEmpty());
        assertThat(a.ownedPartitions()).doesNotContainAnyElementsOf(b.ownedPartitions());
        // both poll for a while: each report page was fetched once, by one of them, and ingested once
        await().atMost(Duration.ofSeconds(20)).until(() -> portal.log.stream().anyMatch(r -> r.userAgent().endsWith("(b)") && r.path().endsWith("index.html")));
        long since = System.currentTimeMillis();
        Thread.sleep(3000);
        for (int s : sites) {
            for (int r = 0; r < 3; r++) {
                String path = "/site" + s + "/nb/t2023012" + r + "_" + s + r + ".html";
                assertThat(portal.count(path)).as(path).isEqualTo(1);
            }
            // a listing is polled by one instance only (the one whose partition holds its source)
            String listing = "/site" + s + "/nb/index.html";
            assertThat(portal.log.stream().filter(q -> q.path().equals(listing) && q.at() > since).map(PortalServer.Request::userAgent).distinct().count())
                    .as(listing).isEqualTo(1);
        }
        assertThat(ingested).hasSize(18);
        assertThat(ingestedUrls()).doesNotHaveDuplicates();
    }
}
