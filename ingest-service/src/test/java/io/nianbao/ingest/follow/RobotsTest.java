package io.nianbao.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RobotsTest {

    @Test
    void ourGroupElseTheStarGroupLongestMatchAllowWinsTies() {
        String txt = """
                User-agent: *
                Disallow: /private/
                Allow: /private/nb/
                Disallow: /*.pdf$
                Crawl-delay: 3

                User-agent: BadBot
                Disallow: /
                """;
        Robots r = Robots.parse(txt, FollowConfig.USER_AGENT);
        assertThat(r.allows("/zwgk/index.shtml")).isTrue();
        assertThat(r.allows("/private/x.html")).isFalse();
        assertThat(r.allows("/private/nb/2022.html")).isTrue();
        assertThat(r.allows("/files/a.pdf")).isFalse();
        assertThat(r.allows("/files/a.pdf?x=1")).isTrue();
        assertThat(r.allows("/robots.txt")).isTrue();
        assertThat(r.crawlDelay()).isEqualTo(Duration.ofSeconds(3));

        Robots mine = Robots.parse("User-agent: *\nDisallow:\n\nUser-agent: nianbao\nUser-agent: other\nDisallow: /nb/\n", "nianbao/0.1 (x)");
        assertThat(mine.allows("/nb/a.html")).isFalse();
        assertThat(mine.allows("/a.html")).isTrue();
        assertThat(Robots.parse("User-agent: *\nDisallow:\n", "nianbao").allows("/anything")).isTrue();
        assertThat(Robots.DISALLOW_ALL.allows("/a")).isFalse();
    }

    @Test
    void politenessSpacesRequestsPerHostAndBacksOff() {
        Politeness p = new Politeness(Duration.ofSeconds(2), Duration.ofMinutes(30));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(p.reserve("a", t, null)).isEqualTo(t);
        assertThat(p.reserve("a", t, null)).isEqualTo(t.plusSeconds(2));
        assertThat(p.reserve("b", t, null)).isEqualTo(t);
        assertThat(p.reserve("c", t, Duration.ofSeconds(5))).isEqualTo(t);
        assertThat(p.reserve("c", t, Duration.ofSeconds(5))).isEqualTo(t.plusSeconds(5));
        p.holdOff("b", t.plusSeconds(60));
        assertThat(p.reserve("b", t.plusSeconds(1), null)).isEqualTo(t.plusSeconds(60));
        assertThat(p.nextPollDelay(Duration.ofMinutes(10), 0)).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.nextPollDelay(Duration.ofMinutes(10), 1)).isEqualTo(Duration.ofMinutes(20));
        assertThat(p.nextPollDelay(Duration.ofMinutes(10), 2)).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.nextPollDelay(Duration.ofMinutes(10), 9)).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.nextPollDelay(Duration.ofHours(1), 3)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void intervalsAndTheImportFile() {
        assertThat(FollowConfig.duration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(FollowConfig.duration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(FollowConfig.duration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(FollowConfig.format(Duration.ofMinutes(90))).isEqualTo("90m");
        SourceFile.Parsed p = SourceFile.parse("\uFEFF# 江西\nurl,publisher,every\nhttp://a/nb/,\"南昌县人民政府, 办公室\",10m\n\nnot-a-url,x\nhttps://b/list.json,,1h\n");
        assertThat(p.entries()).hasSize(2);
        assertThat(p.entries().getFirst().publisher()).isEqualTo("南昌县人民政府, 办公室");
        assertThat(p.entries().getFirst().every()).isEqualTo("10m");
        assertThat(p.entries().get(1).publisher()).isNull();
        assertThat(p.errors()).singleElement().asString().contains("line 5");
        SourceFile.Parsed tsv = SourceFile.parse("http://a/\t分宜县人民政府\t江西省新余市分宜县\t1d\n");
        assertThat(tsv.entries().getFirst().place()).isEqualTo("江西省新余市分宜县");
    }
}
