package io.nianbao.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChineseScriptTest {

    private static final String TRADITIONAL = "4.無正當理由大量反覆申請";
    private static final String SIMPLIFIED = "4.无正当理由大量反复申请";

    @Test
    void convertsPhrasesBothWays() {
        assertThat(ChineseScript.toSimplified(TRADITIONAL)).isEqualTo(SIMPLIFIED);
        assertThat(ChineseScript.toTraditional("申请")).isEqualTo("申請");
        assertThat(ChineseScript.isTraditional('請')).isTrue();
        assertThat(ChineseScript.isSimplified('请')).isTrue();
    }

    /** Line by line and, within a line, piece by piece between ASCII characters (as {@link ChineseScript} converts, remembering short pieces) gives what opencc4j gives for the whole text. */
    @Test
    void lineByLineEqualsTheWholeText() throws java.io.IOException {
        List<String> texts = new ArrayList<>();
        for (long seed = 1; seed <= 40; seed++) {
            io.nianbao.core.synth.ReportRenderer.Layout layout = io.nianbao.core.synth.ReportRenderer.Layout.values()[(int) (seed % io.nianbao.core.synth.ReportRenderer.Layout.values().length)];
            texts.add(new io.nianbao.core.synth.ReportRenderer(seed).render(new io.nianbao.core.synth.ReportGenerator(seed, 0.1).next(), layout, true));
        }
        try (var samples = java.nio.file.Files.list(java.nio.file.Path.of("..", "samples"))) {
            for (java.nio.file.Path p : samples.filter(p -> p.toString().endsWith(".txt")).toList()) {
                texts.add(com.github.houbb.opencc4j.util.ZhConverterUtil.toTraditional(java.nio.file.Files.readString(p)));
            }
        }
        assertThat(texts).hasSizeGreaterThan(40);
        for (int round = 0; round < 2; round++) { // the second round from what was remembered
            for (String text : texts) assertThat(ChineseScript.toSimplified(text)).isEqualTo(com.github.houbb.opencc4j.util.ZhConverterUtil.toSimple(text));
        }
    }

    /**
     * The first conversions after start-up, on threads started a few milliseconds apart while the first
     * one is still loading opencc4j's dictionaries, all convert the whole phrase (opencc4j alone let some
     * read a half-built trie: 反覆 stayed). Only the first use can race, so each round loads this class
     * and opencc4j afresh in a class loader of its own.
     */
    @Test
    void firstConversionsOnSeveralThreadsAgree() throws Exception {
        URL[] classpath = {codeSource(ChineseScript.class), codeSource(com.github.houbb.opencc4j.util.ZhConverterUtil.class),
                codeSource(com.github.houbb.heaven.util.guava.Guavas.class), codeSource(com.github.houbb.nlp.common.dfa.tree.impl.AbstractTrieTreeMap.class),
                codeSource(com.github.benmanes.caffeine.cache.Caffeine.class)};
        int rounds = 8;
        int threads = 50;
        AtomicInteger wrong = new AtomicInteger();
        // a thread that throws (a class missing from the fresh loader) converts nothing: counted, never taken for a pass
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> examples = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            try (URLClassLoader fresh = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
                Method toSimplified = fresh.loadClass(ChineseScript.class.getName()).getMethod("toSimplified", String.class);
                CountDownLatch done = new CountDownLatch(threads);
                for (int i = 0; i < threads; i++) {
                    Thread.ofPlatform().start(() -> {
                        try {
                            String out = (String) toSimplified.invoke(null, TRADITIONAL);
                            if (!out.equals(SIMPLIFIED)) {
                                wrong.incrementAndGet();
                                synchronized (examples) {
                                    examples.add(out);
                                }
                            }
                        } catch (ReflectiveOperationException | RuntimeException | Error e) {
                            failures.add(e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e);
                        } finally {
                            done.countDown();
                        }
                    });
                    Thread.sleep(4);
                }
                assertThat(done.await(60, TimeUnit.SECONDS)).as("round " + round + " ended").isTrue();
            }
        }
        assertThat(failures).as("conversions that threw, of %d", rounds * threads).isEmpty();
        assertThat(wrong.get()).as("wrong conversions of %d, e.g. %s", rounds * threads, examples).isZero();
    }

    private static URL codeSource(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    /**
     * What converting piece by piece between ASCII characters relies on: no phrase of opencc4j's (the
     * traditional-to-simplified ones, and the simplified-to-traditional ones its segmenter also knows) holds
     * an ASCII character, the traditional-to-simplified ones are CJK ideographs only, and no character it
     * converts is ASCII.
     */
    @Test
    void opencc4jsPhrasesHoldNoAsciiCharacterAndItConvertsNone() {
        var tables = com.github.houbb.opencc4j.support.datamap.impl.DataMaps.defaults();
        assertThat(tables.tsPhrase().keySet()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.chars().allMatch(c -> c >= 0x4E00 && c <= 0x9FA5)).as(p).isTrue());
        assertThat(tables.stPhrase().keySet()).isNotEmpty().allSatisfy(p -> assertThat(p.chars().noneMatch(c -> c < 128)).as(p).isTrue());
        assertThat(tables.tsChar().keySet()).isNotEmpty().allSatisfy(c -> assertThat(c.chars().allMatch(ch -> ch >= 0x2E80)).as(c).isTrue());
    }
}
