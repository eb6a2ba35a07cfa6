package io.nianbao.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The five real reports of the corpus, kept in the repository's samples/ folder. */
public final class Samples {

    public static final String S000 = "000_b7e468c868dd9816.txt";
    public static final String S001 = "001_22f1b762bef24d9e.txt";
    public static final String S002 = "002_1d0c304c5194360b.txt";
    public static final String S003 = "003_168a611abdf0e580.txt";
    public static final String S004 = "004_9440981a45cb5a2e.txt";

    private Samples() {
    }

    public static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no samples/ folder above " + Path.of("").toAbsolutePath());
        return p.resolve("samples");
    }

    /** The real corpus beside the checkout (../shared/corpus), which CI lays out the same way. */
    public static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/corpus");
            if (Files.isDirectory(c.resolve("real"))) return c;
        }
        throw new IllegalStateException("no shared/corpus/real above " + Path.of("").toAbsolutePath()
                + ": the real corpus is expected beside the checkout (../shared/corpus)");
    }

    public static String text(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
