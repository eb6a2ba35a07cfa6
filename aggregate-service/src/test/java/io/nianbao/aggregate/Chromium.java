package io.nianbao.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium and ChromeDriver for the dashboard test, and CJK fonts for its screenshots, installed with apt when absent. */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Debian's fonts-noto-cjk: without a CJK font a screenshot shows boxes for every Chinese character. */
    static final Path CJK_FONT = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");

    private Chromium() {
    }

    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER) && Files.isRegularFile(CJK_FONT)) return;
        Process p = new ProcessBuilder("bash", "-c",
                "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk")
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("chromium-install", ".log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the dashboard test needs Debian's chromium, chromium-driver and fonts-noto-cjk packages, and installing them "
                    + "with apt-get failed (run as root, or install them first)");
        }
    }

    /** Headless Chromium through ChromeDriver; files the page downloads land in {@code downloads}. */
    static org.openqa.selenium.chrome.ChromeDriver open(Path downloads) throws IOException, InterruptedException {
        ensureInstalled();
        org.openqa.selenium.chrome.ChromeOptions options = new org.openqa.selenium.chrome.ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--window-size=1400,1000", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        org.openqa.selenium.chrome.ChromeDriverService service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        org.openqa.selenium.chrome.ChromeDriver browser = new org.openqa.selenium.chrome.ChromeDriver(service, options);
        // headless Chromium saves downloads only when told where
        browser.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        return browser;
    }
}
