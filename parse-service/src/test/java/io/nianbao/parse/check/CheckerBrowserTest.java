package io.nianbao.parse.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.testsupport.PipelineTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The checker's page in Debian's headless Chromium: an office gives it the real PDF and sees the wrong cell. */
@QuarkusTest
@QuarkusTestResource(PipelineTestResource.class)
class CheckerBrowserTest {

    @TestHTTPResource("/check/")
    URL page;

    @Test
    void aPdfDroppedOnThePageShowsItsTablesAndTheFindingOnItsCell() throws Exception {
        ChromeDriver browser = open();
        try {
            browser.get(page.toString());
            browser.findElement(By.id("file")).sendKeys(CheckerTest.realPdf().toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(b -> "true".equals(b.findElement(By.id("state")).getDomAttribute("data-done")));
            assertThat(browser.findElement(By.id("state")).getText()).contains("001.pdf checked in").contains("PDF, 5 pages");
            assertThat(browser.findElement(By.id("title")).getText()).contains("洪泽区人民政府").contains("2023").contains("invalid");

            WebElement review = null;
            for (WebElement tr : browser.findElements(By.cssSelector("#findings tbody tr"))) {
                if (tr.getText().contains("REVIEW_SUM") && tr.getText().contains("error")) review = tr;
            }
            assertThat(review).isNotNull();
            review.findElement(By.cssSelector("button.link")).click();
            WebElement cell = browser.findElement(By.cssSelector("#sections td.cell.focused"));
            assertThat(cell.getDomAttribute("data-section")).isEqualTo("reviewLitigation");
            assertThat(cell.getDomAttribute("data-row")).isEqualTo("administrativeReview");
            assertThat(cell.getDomAttribute("data-column")).isEqualTo("total");
            assertThat(cell.getDomAttribute("class")).contains("finding");
            // kept for a person to look at, with Debian's CJK fonts: target/checker.png
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "checker.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    /** Debian's chromium, chromium-driver and fonts-noto-cjk, installed with apt when absent. */
    private static ChromeDriver open() throws Exception {
        Path browser = Path.of("/usr/bin/chromium"), driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(browser) || !Files.isExecutable(driver) || !Files.isRegularFile(Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))) {
            Process p = new ProcessBuilder("bash", "-c", "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk")
                    .redirectErrorStream(true).redirectOutput(Files.createTempFile("chromium-install", ".log").toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("the checker's browser test needs Debian's chromium, chromium-driver and fonts-noto-cjk (apt-get failed)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless", "--window-size=1300,1000", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build(), options);
    }
}
