package io.nianbao.cli;

import com.sun.management.ThreadMXBean;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = {"Measure parse throughput on one core: reports/s, MB/s and bytes allocated per report,",
        "on generated reports of every layout (10–20 KB, half traditional) and on the real samples."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--reports", defaultValue = "400", description = "generated reports per layout (default: ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--seconds", defaultValue = "5", description = "measured seconds per corpus, after as long again of warm-up (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--samples", defaultValue = "samples", description = "folder of real reports (default: ${DEFAULT-VALUE})")
    Path samples;

    private final ReportParser parser = new ReportParser();

    @Override
    public Integer call() throws Exception {
        System.out.printf("java %s, %d cores available, measured on 1 thread%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-24s %8s %10s %10s %10s %14s%n", "corpus", "reports", "avg KB", "reports/s", "MB/s", "alloc KB/rep");
        List<String> all = new ArrayList<>();
        for (ReportRenderer.Layout layout : ReportRenderer.Layout.values()) {
            List<String> corpus = new ArrayList<>();
            ReportGenerator generator = new ReportGenerator(layout.ordinal() * 1_000_003L, 0.05);
            for (int i = 0; i < reports; i++) corpus.add(new ReportRenderer(i, 8).render(generator.next(), layout, i % 2 == 1));
            all.addAll(corpus);
            measure("generated " + layout.name().toLowerCase(), corpus);
        }
        measure("generated, all layouts", all);
        List<String> simplified = new ArrayList<>();
        List<String> traditional = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) (i % 2 == 1 ? traditional : simplified).add(all.get(i));
        measure("  of which simplified", simplified);
        measure("  of which traditional", traditional);
        if (Files.isDirectory(samples)) {
            List<String> real = new ArrayList<>();
            for (Path p : ReportFiles.expand(List.of(samples))) real.add(ReportFiles.read(p));
            measure("real samples (" + real.size() + ")", real);
        }
        return 0;
    }

    private void measure(String name, List<String> corpus) {
        long bytes = 0;
        for (String s : corpus) bytes += s.getBytes(StandardCharsets.UTF_8).length;
        run(corpus, seconds * 1_000_000_000L); // warm-up
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long done = run(corpus, seconds * 1_000_000_000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocBefore;
        double avgBytes = (double) bytes / corpus.size();
        System.out.printf("%-24s %8d %10.1f %10.0f %10.2f %14.0f%n", name, corpus.size(), avgBytes / 1024, done / elapsed,
                done * avgBytes / elapsed / 1_000_000, allocated / 1024.0 / done);
    }

    private long run(List<String> corpus, long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < end) {
            for (String text : corpus) {
                if (parser.parse("bench", text, ReportHints.NONE).applications().isEmpty()) throw new IllegalStateException("a benchmark report did not parse");
                n++;
                if ((n & 31) == 0 && System.nanoTime() >= end) return n;
            }
        }
        return n;
    }
}
