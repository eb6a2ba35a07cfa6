package io.nianbao.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real reports in the repository's samples/ folder, found from any module's working directory. */
public final class TestSamples {

    private TestSamples() {
    }

    public static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no samples/ folder above " + Path.of("").toAbsolutePath());
        return p.resolve("samples");
    }
}
