package io.nianbao.cli;

import com.sun.management.ThreadMXBean;
import io.nianbao.core.ReportParser;
import io.nianbao.core.document.DocumentReader;
import io.nianbao.core.document.DocumentText;
import io.nianbao.core.document.ReportPdfWriter;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = {"Measure parse throughput on one core: reports/s, MB/s and bytes allocated per report,",
        "on generated reports of every layout (10–20 KB, half traditional) and on the real samples;",
        "and PDF text extraction in pages/s, on PDFs it writes with PDFBox (or on --pdf files)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--reports", defaultValue = "400", description = "generated reports per layout (default: ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--seconds", defaultValue = "5", description = "measured seconds per corpus, after as long again of warm-up (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--samples", defaultValue = "samples", description = "folder of real reports (default: ${DEFAULT-VALUE})")
    Path samples;

    @Option(names = "--pdf", arity = "0..*", description = "PDF files to measure extraction on, instead of generated ones")
    List<Path> pdfs = new ArrayList<>();

    @Option(names = "--pdf-reports", defaultValue = "40", description = "generated PDF reports (default: ${DEFAULT-VALUE})")
    int pdfReports;

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
        pdf();
        return 0;
    }

    /** PDF text extraction (rows rebuilt from glyph positions) in pages/s, and the whole parse of a PDF in reports/s. */
    private void pdf() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        String name;
        if (!pdfs.isEmpty()) {
            for (Path p : ReportFiles.expand(pdfs)) corpus.add(Files.readAllBytes(p));
            name = "pdf files (" + corpus.size() + ")";
        } else {
            Optional<Path> font = ReportPdfWriter.debianCjkFont();
            ReportGenerator generator = new ReportGenerator(7, 0.05);
            for (int i = 0; i < pdfReports; i++) {
                String text = new ReportRenderer(i, 8).render(generator.next(), ReportRenderer.Layout.TAB_ROWS, i % 2 == 1);
                corpus.add(ReportPdfWriter.write(text, font.orElse(null)));
            }
            name = "generated pdf (" + corpus.size() + ")";
            if (font.isEmpty()) {
                System.out.println("(no Chinese TrueType font found: install Debian's fonts-wqy-zenhei; the generated PDFs carry Latin text)");
            }
        }
        int pages = 0;
        long bytes = 0;
        for (byte[] b : corpus) {
            pages += DocumentReader.read(b, "application/pdf", null, null).pages();
            bytes += b.length;
        }
        runPdf(corpus, seconds * 1_000_000_000L, false); // warm-up
        long start = System.nanoTime();
        long done = runPdf(corpus, seconds * 1_000_000_000L, false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double pagesPerReport = (double) pages / corpus.size();
        long parsedStart = System.nanoTime();
        long parsed = runPdf(corpus, seconds * 1_000_000_000L, true);
        double parsedElapsed = (System.nanoTime() - parsedStart) / 1e9;
        System.out.printf("%-24s %8s %10s %10s %10s %14s%n", "pdf", "reports", "avg KB", "pages/s", "reports/s", "parsed rep/s");
        System.out.printf("%-24s %8d %10.1f %10.0f %10.1f %14.1f%n", name, corpus.size(), bytes / 1024.0 / corpus.size(),
                done * pagesPerReport / elapsed, done / elapsed, parsed / parsedElapsed);
    }

    private long runPdf(List<byte[]> corpus, long nanos, boolean parse) throws Exception {
        long end = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < end) {
            for (byte[] pdf : corpus) {
                DocumentText d = DocumentReader.read(pdf, "application/pdf", null, null);
                if (parse) parser.parse("bench", d, ReportHints.NONE);
                n++;
                if (System.nanoTime() >= end) return n;
            }
        }
        return n;
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
