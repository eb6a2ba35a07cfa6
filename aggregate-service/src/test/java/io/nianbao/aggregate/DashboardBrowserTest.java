package io.nianbao.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.testsupport.PipelineTestResource;
import io.nianbao.testsupport.TestProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in headless Chromium: numbers change on the page, without a reload, while reports stream in. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL dashboard;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        Chromium.ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BROWSER.toFile());
        options.addArguments("--headless", "--window-size=1400,900", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void theNumbersChangeLiveAndReportTextIsEscaped() {
        browser.get(dashboard.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        // a live update replaces the table's rows while a check reads them: read again
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));

        send("004_9440981a45cb5a2e.txt", "qinghai-1", r -> r);
        wait.until(b -> reports(b, "青海省|2019").equals("1"));

        // a second 青海 report (another issuer) changes the number on the same page, without a reload
        send("004_9440981a45cb5a2e.txt", "qinghai-2", r -> new io.nianbao.core.model.ParsedReport(r.reportId(),
                "<img src=x onerror=alert(1)>刚察县财政局", r.region(), r.province(), r.divisionCode(), r.reportYear(), r.publishedDate(),
                r.documentNumber(), r.template(), r.activeDisclosureTemplate(), r.applicationsTemplate(), r.hintedFields(),
                r.activeDisclosure(), r.applications(), r.reviewLitigation(), r.narrativeFigures(), r.warnings(), r.readings()));
        wait.until(b -> reports(b, "青海省|2019").equals("2"));

        // validate-service's issue for it arrives on the live feed
        TestProducer.send(Topics.ISSUES, "青海省/x", TestProducer.toGeneric(ValidationIssueRecord.newBuilder()
                .setFindingId("f1").setAction("RAISED").setReportId("qinghai-2").setIssuer("<img src=x onerror=alert(1)>刚察县财政局")
                .setProvince("青海省").setReportYear(2019).setRule("APP_BALANCE").setSeverity("error").setColumn("total")
                .setMessageZh("总计列：<b>4</b> ≠ 0").setMessageEn("total: 4 ≠ 0").setAt(java.time.Instant.now()).build()));
        wait.until(b -> b.findElement(By.id("issues")).getText().contains("<img src=x onerror=alert(1)>"));
        assertThat(browser.findElement(By.id("issues")).getText()).contains("<b>4</b>");
        assertThat(browser.findElements(By.cssSelector("#issues img, #issues b"))).as("report text is shown as text, never as HTML").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart .bar-row"))).isNotEmpty();
        // kept for a person to look at: target/dashboard.png
        try {
            Files.copy(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                    java.nio.file.Path.of("target", "dashboard.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String reports(WebDriver b, String key) {
        for (WebElement row : b.findElements(By.cssSelector("#aggregates tbody tr"))) {
            if (key.equals(row.getDomAttribute("data-key"))) return row.findElements(By.tagName("td")).get(2).getText();
        }
        return "";
    }

    private static void send(String sample, String id, UnaryOperator<io.nianbao.core.model.ParsedReport> change) {
        ValidatedReportRecord v = Reports.validated(sample, id, change);
        TestProducer.send(Topics.VALIDATED, Reports.key(v), TestProducer.toGeneric(v));
    }
}
