package io.nianbao.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.Table;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader on 100,000 damaged inputs (real reports and generated ones with bytes dropped, doubled
 * and swapped, tables cut off, huge rows, random text): it never throws, never hangs, and every value
 * it reads can be found in the text it was given.
 */
class ReaderRobustnessTest {

    private static final int INPUTS = 100_000;
    /** A guard against a hang, not a speed test: the slowest input takes a few milliseconds. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final ReportParser parser = new ReportParser();

    @Test
    void damagedInputsNeverThrowHangOrYieldAnUntraceableValue() throws Exception {
        List<String> originals = originals();
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        long[] startedAt = new long[workers];
        String[] current = new String[workers];
        Throwable[] failure = new Throwable[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                Random random = new Random(20261201L + worker);
                try {
                    for (int i = worker; i < INPUTS && failure[0] == null; i += workers) {
                        String input = mutate(originals.get(random.nextInt(originals.size())), random);
                        current[worker] = input;
                        startedAt[worker] = System.nanoTime();
                        check(i, input, parser.parse("m" + i, input, ReportHints.NONE));
                        startedAt[worker] = 0;
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = new AssertionError("worker " + worker + ": " + e + "\n" + head(current[worker]), e);
                        if (System.getenv("ROBUSTNESS_DUMP") != null) {
                            try {
                                Files.writeString(Path.of(System.getenv("ROBUSTNESS_DUMP")), current[worker]);
                            } catch (IOException ignored) {
                                // a debugging aid only
                            }
                        }
                    }
                }
            }, "robustness-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        // the watchdog: an input that takes longer than the bound is a hang
        while (threads.stream().anyMatch(Thread::isAlive) && failure[0] == null) {
            Thread.sleep(200);
            for (int w = 0; w < workers; w++) {
                long started = startedAt[w];
                if (started != 0 && System.nanoTime() - started > BOUND.toNanos()) {
                    throw new AssertionError("an input took over " + BOUND + ":\n" + head(current[w]));
                }
            }
        }
        if (failure[0] != null) throw new AssertionError(failure[0].getMessage(), failure[0]);
    }

    private static String head(String s) {
        return s == null ? "" : s.substring(0, Math.min(2000, s.length()));
    }

    private static void check(int i, String input, ParsedReport report) {
        // the text as the reader got it: a page's markup (and a script's string escapes) decoded
        String text = ReportParser.looksLikeHtml(input) ? input + new io.nianbao.core.normalise.HtmlToText().toText(input) : input;
        String haystack = compact(Normalizer.normalize(text, Normalizer.Form.NFKC));
        for (Table table : List.of(report.activeDisclosure(), report.applications(), report.reviewLitigation())) {
            for (Map.Entry<String, Map<String, Cell>> row : table.rows().entrySet()) {
                for (Map.Entry<String, Cell> cell : row.getValue().entrySet()) {
                    Cell c = cell.getValue();
                    if (c.value() == null || c.raw() == null) continue; // missing, or derived from other cells
                    String raw = compact(Normalizer.normalize(c.raw(), Normalizer.Form.NFKC));
                    assertThat(haystack.contains(raw) || haystack.contains(compact(io.nianbao.core.normalise.ChineseScript.toTraditional(raw))))
                            .as("input %d: %s.%s = %s read from \"%s\", which the text does not contain", i, row.getKey(), cell.getKey(), c.value(), c.raw())
                            .isTrue();
                }
            }
        }
    }

    private static List<String> originals() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.list(Samples.dir())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) texts.add(Files.readString(p, StandardCharsets.UTF_8));
        }
        Path real = Samples.corpus().resolve("real");
        for (String dir : List.of("pingtan-dept", "heads")) {
            try (Stream<Path> s = Files.list(real.resolve(dir))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) texts.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        for (ReportRenderer.Layout layout : ReportRenderer.Layout.values()) {
            for (long seed = 0; seed < 4; seed++) texts.add(new ReportRenderer(seed).render(new ReportGenerator(seed, 0.1).next(), layout, seed % 2 == 1));
        }
        return texts;
    }

    /** One to three damages of the kinds seen in mirrors, archives and broken uploads. */
    static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int damages = 1 + random.nextInt(3);
        for (int d = 0; d < damages && s.length() > 2; d++) {
            int at = random.nextInt(s.length());
            int len = 1 + random.nextInt(Math.min(200, s.length() - at));
            switch (random.nextInt(9)) {
                case 0 -> s.delete(at, at + len); // bytes dropped
                case 1 -> s.insert(at, s.substring(at, at + len)); // doubled
                case 2 -> { // swapped with another stretch
                    int other = random.nextInt(s.length() - len + 1);
                    String a = s.substring(at, at + len);
                    String b = s.substring(other, Math.min(s.length(), other + len));
                    s.replace(at, at + len, b);
                    if (other + a.length() <= s.length()) s.replace(other, other + a.length(), a);
                }
                case 3 -> s.setLength(at); // cut off, tables and all
                case 4 -> s.insert(at, "1".repeat(1 + random.nextInt(5000))); // a huge run of digits
                case 5 -> { // a huge row of cells
                    StringBuilder row = new StringBuilder("\n（一）予以公开");
                    for (int k = random.nextInt(3000); k > 0; k--) row.append(random.nextBoolean() ? "\t" : " | ").append(random.nextInt(1000));
                    s.insert(at, row.append('\n'));
                }
                case 6 -> { // random characters, replacement characters, stray markup
                    StringBuilder junk = new StringBuilder();
                    for (int k = 0; k < len; k++) junk.append((char) (random.nextBoolean() ? 0x4E00 + random.nextInt(0x5000) : random.nextInt(0x80)));
                    s.insert(at, junk.append(random.nextBoolean() ? "\uFFFD<td>" : "</table>"));
                }
                case 7 -> { // digits changed in place
                    for (int k = at; k < Math.min(s.length(), at + len); k++) if (Character.isDigit(s.charAt(k))) s.setCharAt(k, (char) ('0' + random.nextInt(10)));
                }
                default -> { // lines joined, as an archive collapses them
                    for (int k = at; k < Math.min(s.length(), at + len * 20); k++) if (s.charAt(k) == '\n') s.setCharAt(k, ' ');
                }
            }
        }
        return s.toString();
    }

    private static String compact(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u3000' && c != '|') sb.append(c);
        }
        return sb.toString();
    }
}
