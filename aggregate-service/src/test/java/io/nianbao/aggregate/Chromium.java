package io.nianbao.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium and ChromeDriver for the dashboard test, installed with apt when absent. */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) return;
        Process p = new ProcessBuilder("bash", "-c",
                "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium chromium-driver")
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("chromium-install", ".log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the dashboard test needs Debian's chromium and chromium-driver packages, and installing them "
                    + "with apt-get failed (run as root, or install them first)");
        }
    }
}
