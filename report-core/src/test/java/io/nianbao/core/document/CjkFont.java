package io.nianbao.core.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Debian CJK TrueType font for the PDFs tests write, installed with apt (fonts-wqy-zenhei) when none is there. */
final class CjkFont {

    private CjkFont() {
    }

    static synchronized Path ensureInstalled() throws IOException, InterruptedException {
        var found = ReportPdfWriter.debianCjkFont();
        if (found.isPresent()) return found.get();
        Process p = new ProcessBuilder("bash", "-c",
                "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq fonts-wqy-zenhei")
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("cjk-font-install", ".log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the generated-PDF tests need a Chinese TrueType font, Debian's fonts-wqy-zenhei, and installing it "
                    + "with apt-get failed (run as root, or install it first)");
        }
        return ReportPdfWriter.debianCjkFont()
                .orElseThrow(() -> new IllegalStateException("fonts-wqy-zenhei was installed but its font file is not where Debian puts it"));
    }
}
