package io.nianbao.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium on a real broker and registry: the overview of a year (year picker,
 * sorting, map, live patching, export), the drill-down to a finding's cell in three clicks, the latest
 * issues filtered, the coverage from ingest, and report text kept as text throughout.
 */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
@QuarkusTestResource(FakeIngest.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    /** Years no other test sends, so this test's buckets are its own. */
    static final int YEAR = 2041;
    static final int EARLIER = 2040;
    static final String ESCAPED = "<img src=x onerror=alert(1)>";

    @TestHTTPResource("/")
    URL dashboard;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path downloads;

    @BeforeEach
    void openBrowser() throws Exception {
        downloads = Files.createDirectories(Path.of("target", "dashboard-downloads-" + System.nanoTime()));
        browser = Chromium.open(downloads);
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        // a live update can replace an element while a check reads it: read again
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    /** First, so that its years are the latest with data when the page opens and while they arrive. */
    @Test
    @Order(1)
    void overviewOfAYearSortedMappedPatchedLiveAndExported() throws Exception {
        // the page is open before the reports arrive, an earlier year's first (as a busy service may answer)
        open();
        send("000_b7e468c868dd9816.txt", "hainan-earlier", "丙县人民政府", "海南省", EARLIER);
        wait.until(b -> reports(b, "海南省|" + EARLIER).equals("1"));
        send("004_9440981a45cb5a2e.txt", "hainan-a", "甲县人民政府", "海南省", YEAR);
        send("003_168a611abdf0e580.txt", "tibet-a", "乙县人民政府", "西藏自治区", YEAR);
        send("002_1d0c304c5194360b.txt", "tibet-b", "丁县人民政府", "西藏自治区", YEAR);
        // until the user picks a year, the picker follows the latest year with data
        wait.until(b -> reports(b, "西藏自治区|" + YEAR).equals("2") && reports(b, "海南省|" + YEAR).equals("1"));
        assertThat(browser.findElement(By.id("year")).getDomProperty("value")).isEqualTo(String.valueOf(YEAR));

        // sorted by reports, most first; a click on the header turns the order, a click on province sorts by name
        assertThat(position("西藏自治区|" + YEAR)).isLessThan(position("海南省|" + YEAR));
        header("reports").click();
        assertThat(position("海南省|" + YEAR)).isLessThan(position("西藏自治区|" + YEAR));
        assertThat(header("reports").getDomAttribute("aria-sort")).isEqualTo("ascending");
        header("province").click();
        assertThat(position("海南省|" + YEAR)).as("海 (hǎi) before 西 (xī)").isLessThan(position("西藏自治区|" + YEAR));
        header("province").click();
        assertThat(position("西藏自治区|" + YEAR)).isLessThan(position("海南省|" + YEAR));

        // the map: each province's tile carries its value; more reports, darker
        WebElement tibet = browser.findElement(By.cssSelector("#map .tile[data-tile='西藏']"));
        WebElement hainan = browser.findElement(By.cssSelector("#map .tile[data-tile='海南']"));
        assertThat(tibet.getDomAttribute("data-value")).isEqualTo("2");
        assertThat(hainan.getDomAttribute("data-value")).isEqualTo("1");
        assertThat(tibet.getCssValue("background-color")).isNotEqualTo(hainan.getCssValue("background-color"));
        new Select(browser.findElement(By.id("measure"))).selectByValue("shareInvalid");
        wait.until(b -> b.findElement(By.cssSelector("#map .tile[data-tile='海南']")).getDomAttribute("data-value") != null);

        // another year
        new Select(browser.findElement(By.id("year"))).selectByValue(String.valueOf(EARLIER));
        wait.until(b -> reports(b, "海南省|" + EARLIER).equals("1"));
        assertThat(browser.findElements(By.cssSelector("#provinces tbody tr[data-key='西藏自治区|" + YEAR + "']"))).isEmpty();
        new Select(browser.findElement(By.id("year"))).selectByValue(String.valueOf(YEAR));
        wait.until(b -> reports(b, "海南省|" + YEAR).equals("1"));
        wait.until(b -> national(b, "reports") >= 3);
        long nationalBefore = national(browser, "reports");

        // live: a new 海南 report patches its row; the other rows are the same elements, untouched
        WebElement tibetRow = row("西藏自治区|" + YEAR);
        String tibetText = tibetRow.getText();
        send("004_9440981a45cb5a2e.txt", "hainan-b", ESCAPED + "戊县人民政府", "海南省", YEAR);
        wait.until(b -> reports(b, "海南省|" + YEAR).equals("2"));
        assertThat(row("海南省|" + YEAR).getDomAttribute("class")).contains("changed");
        assertThat(tibetRow.getText()).as("the row not changed is the same element (patched, not re-rendered)").isEqualTo(tibetText);
        wait.until(b -> national(b, "reports") == nationalBefore + 1);

        // export what is shown: CSV in UTF-8 with a BOM, JSON, the API's column names
        browser.findElement(By.cssSelector("button.export[data-table='provinces'][data-format='csv']")).click();
        byte[] csv = downloaded("nianbao-provinces-" + YEAR + ".csv");
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(csv, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.get(0)).isEqualTo("province,reportYear,reports,valid,warnings,invalid,shareInvalid,disclosureRate,reviewCorrectionRate,"
                + "litigationCorrectionRate,findings,lastDay");
        assertThat(lines).anyMatch(l -> l.startsWith("海南省," + YEAR + ",2,")).anyMatch(l -> l.startsWith("西藏自治区," + YEAR + ",2,"));
        browser.findElement(By.cssSelector("button.export[data-table='provinces'][data-format='json']")).click();
        JsonNode json = ReportJson.MAPPER.readTree(downloaded("nianbao-provinces-" + YEAR + ".json"));
        JsonNode hainanRow = null;
        for (JsonNode n : json) if (n.path("province").asText().equals("海南省")) hainanRow = n;
        assertThat(hainanRow).isNotNull();
        assertThat(hainanRow.path("reports").asInt()).isEqualTo(2);
        assertThat(hainanRow.path("reportYear").asInt()).isEqualTo(YEAR);
        screenshot("dashboard.png");

        // a province over the years: a bar per report year for each measure (the tile is the way in)
        browser.findElement(By.cssSelector("#map .tile[data-tile='海南']")).click();
        wait.until(b -> b.findElements(By.cssSelector("#province-years .chart[data-measure='reports'] rect")).size() == 2);
        List<WebElement> bars = browser.findElements(By.cssSelector("#province-years .chart[data-measure='reports'] rect"));
        assertThat(bars).extracting(bar -> bar.getDomAttribute("data-year")).containsExactly(String.valueOf(EARLIER), String.valueOf(YEAR));
        assertThat(bars).extracting(bar -> bar.getDomAttribute("data-value")).containsExactly("1", "2");
        assertThat(browser.findElements(By.cssSelector("#province-years .chart"))).hasSize(5);
    }

    @Test
    void fromTheOverviewToTheWrongCellInThreeClicks() throws Exception {
        ValidatedReportRecord v = send("004_9440981a45cb5a2e.txt", "guangdong-a", ESCAPED + "己县人民政府", "广东省", YEAR);
        ParsedReport parsed = AvroMapping.fromRecord(v.getReport());
        open();
        wait.until(b -> reports(b, "广东省|" + YEAR).equals("1"));

        // 1: the province
        row("广东省|" + YEAR).findElement(By.cssSelector("button.link")).click();
        wait.until(b -> b.findElements(By.cssSelector("#issuers tbody tr")).size() == 1);
        WebElement issuer = browser.findElement(By.cssSelector("#issuers tbody tr"));
        assertThat(issuer.getText()).contains(ESCAPED + "己县人民政府").contains("invalid");
        // 2: the issuer
        issuer.findElement(By.cssSelector("button.link")).click();
        wait.until(b -> !b.findElements(By.cssSelector("#findings tbody tr")).isEmpty());
        assertThat(browser.findElement(By.id("report-title")).getText()).startsWith(ESCAPED + "己县人民政府");
        // the findings' cells are marked before any click
        assertThat(browser.findElements(By.cssSelector("#sections td.cell.finding"))).isNotEmpty();
        // 3: the finding — 总计 of the results does not add up in column 其他 (otherOrg)
        WebElement finding = null;
        for (WebElement tr : browser.findElements(By.cssSelector("#findings tbody tr"))) {
            if (tr.getText().contains("APP_RESULTS_SUM") && tr.getText().contains("results.total[otherOrg]")) finding = tr;
        }
        assertThat(finding).isNotNull();
        finding.findElement(By.cssSelector("button.link")).click();
        WebElement cell = browser.findElement(By.cssSelector("#sections td.cell.focused"));
        assertThat(cell.getDomAttribute("data-row")).isEqualTo("results.total");
        assertThat(cell.getDomAttribute("data-column")).isEqualTo("otherOrg");
        assertThat(cell.getText()).isEqualTo(parsed.applications().get("results.total", "otherOrg").raw());
        assertThat(cell.getDomAttribute("class")).contains("finding");
        assertThat(browser.findElements(By.cssSelector("#report-view img, #report-view b"))).as("report text stays text").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#versions tbody tr"))).hasSize(1);
        screenshot("dashboard-report.png");

        // a correction arrives while the report is open: the page reads it again, its versions say what it withdrew
        ValidatedReportRecord corrected = Reports.validated("004_9440981a45cb5a2e.txt", "guangdong-b",
                r -> Reports.placed(r, ESCAPED + "己县人民政府", "广东省", YEAR));
        corrected.setFindings(List.of());
        corrected.setStatus("valid");
        TestProducer.send(Topics.VALIDATED, Reports.key(corrected), TestProducer.toGeneric(corrected));
        wait.until(b -> b.findElements(By.cssSelector("#versions tbody tr")).size() == 2);
        WebElement newest = browser.findElements(By.cssSelector("#versions tbody tr")).get(0);
        assertThat(newest.getText()).contains("guangdong-b").contains("valid").contains("APP_RESULTS_SUM");
        assertThat(browser.findElements(By.cssSelector("#sections td.cell.finding"))).as("the correction has no finding").isEmpty();
        assertThat(browser.findElement(By.id("checker")).getDomAttribute("href")).endsWith("/check/");

        // the coverage of a province's followed publishers, as ingest-service says it
        browser.get(dashboard + "#/province/" + java.net.URLEncoder.encode(FakeIngest.PROVINCE, StandardCharsets.UTF_8) + "/" + YEAR);
        wait.until(b -> b.findElements(By.cssSelector("#coverage tbody tr")).size() == 3);
        assertThat(browser.findElement(By.cssSelector("#coverage tbody tr[data-status='missing']")).getText()).contains("文昌市人民政府");
        WebElement late = browser.findElement(By.cssSelector("#coverage tbody tr[data-status='late']"));
        assertThat(late.getText()).contains("<b>万宁市</b>人民政府");
        assertThat(late.findElements(By.tagName("a"))).as("a javascript: URL is never a link").isEmpty();
        assertThat(browser.findElement(By.cssSelector("#coverage tbody tr[data-status='published'] a")).getDomAttribute("href"))
                .isEqualTo("http://portal.example/nb/1.html");
        assertThat(FakeIngest.QUERIES).contains("year=" + YEAR);
    }

    @Test
    void theLatestIssuesOnLoadFilteredThenLiveAndShownAsText() throws Exception {
        String tag = "browser-" + System.nanoTime();
        issue(tag + "-1", "error", "APP_BALANCE", ESCAPED + "刚察县财政局", "总计列：<b>4</b> ≠ 0");
        issue(tag + "-2", "warning", "NARRATIVE_MISMATCH", "刚察县财政局", "正文 6 件，表中 5 件");
        // both are in the tail before the page opens: shown on load, not only when live
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                io.restassured.RestAssured.given().get(dashboard + "api/issues").asString().contains(tag + "-2"));
        open();
        wait.until(b -> b.findElement(By.id("issues")).getText().contains(ESCAPED + "刚察县财政局"));
        assertThat(browser.findElement(By.id("issues")).getText()).contains("<b>4</b>").contains("正文 6 件");
        assertThat(browser.findElements(By.cssSelector("#issues img, #issues b"))).as("report text is shown as text, never as HTML").isEmpty();

        new Select(browser.findElement(By.id("issue-severity"))).selectByValue("warning");
        wait.until(b -> !b.findElement(By.id("issues")).getText().contains("<b>4</b>"));
        assertThat(browser.findElements(By.cssSelector("#issues li"))).allMatch(li -> "warning".equals(li.getDomAttribute("data-severity")));
        new Select(browser.findElement(By.id("issue-province"))).selectByValue("青海省");
        // live: a new warning of 青海 appears, a new error does not pass the filter
        issue(tag + "-3", "error", "APP_ROW_SUM", "刚察县财政局", "新的错误");
        issue(tag + "-4", "warning", "NARRATIVE_MISMATCH", "刚察县财政局", "新的警告");
        wait.until(b -> b.findElement(By.id("issues")).getText().contains("新的警告"));
        assertThat(browser.findElement(By.id("issues")).getText()).doesNotContain("新的错误");
        assertThat(browser.findElements(By.cssSelector("#issues li"))).allMatch(li -> "青海省".equals(li.getDomAttribute("data-province")));

        // the screenshot shows Chinese in a CJK font (Debian's fonts-noto-cjk), not boxes
        Process fc = new ProcessBuilder("fc-list", ":lang=zh", "family").redirectErrorStream(true).start();
        assertThat(new String(fc.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Noto Sans CJK");
        screenshot("dashboard-issues.png");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void open() {
        browser.get(dashboard.toString());
        wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));
    }

    private static ValidatedReportRecord send(String sample, String id, String issuer, String province, int year) {
        UnaryOperator<ParsedReport> placed = r -> Reports.placed(r, issuer, province, year);
        ValidatedReportRecord v = Reports.validated(sample, id, placed);
        TestProducer.send(Topics.VALIDATED, Reports.key(v), TestProducer.toGeneric(v));
        return v;
    }

    private static void issue(String id, String severity, String rule, String issuer, String message) {
        TestProducer.send(Topics.ISSUES, "青海省/" + issuer, TestProducer.toGeneric(ValidationIssueRecord.newBuilder()
                .setFindingId(id).setAction("RAISED").setReportId(id).setIssuer(issuer).setProvince("青海省").setReportYear(2019)
                .setRule(rule).setSeverity(severity).setColumn("total").setMessageZh(message).setMessageEn(message).setAt(Instant.now()).build()));
    }

    private WebElement row(String key) {
        return browser.findElement(By.cssSelector("#provinces tbody tr[data-key='" + key + "']"));
    }

    private WebElement header(String sort) {
        return browser.findElement(By.cssSelector("#provinces th[data-sort='" + sort + "']"));
    }

    private int position(String key) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#provinces tbody tr"));
        for (int i = 0; i < rows.size(); i++) if (key.equals(rows.get(i).getDomAttribute("data-key"))) return i;
        throw new AssertionError("no row " + key);
    }

    private static String reports(WebDriver b, String key) {
        for (WebElement row : b.findElements(By.cssSelector("#provinces tbody tr"))) {
            if (key.equals(row.getDomAttribute("data-key"))) return row.findElements(By.tagName("td")).get(1).getText();
        }
        return "";
    }

    private static long national(WebDriver b, String measure) {
        for (WebElement card : b.findElements(By.cssSelector("#national .card"))) {
            if (measure.equals(card.getDomAttribute("data-measure"))) return Long.parseLong(card.findElement(By.tagName("b")).getText());
        }
        return -1;
    }

    private byte[] downloaded(String name) throws IOException {
        Path file = downloads.resolve(name);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(file) && Files.size(file) > 0);
        return Files.readAllBytes(file);
    }

    /** Kept in target/ for a person to look at. */
    private void screenshot(String name) throws IOException {
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
