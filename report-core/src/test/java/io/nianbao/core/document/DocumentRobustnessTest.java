package io.nianbao.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.nianbao.core.Samples;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged inputs (bytes dropped, duplicated, swapped, overwritten; truncated files): the reader either
 * reads them or says why not with an {@link UnreadableDocumentException}, never anything else, and in
 * bounded time.
 */
class DocumentRobustnessTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && b.length > 2; e++) {
            int at = random.nextInt(b.length - 1);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256); // overwritten
                case 1 -> { // swapped
                    byte t = b[at];
                    b[at] = b[at + 1];
                    b[at + 1] = t;
                }
                case 2 -> { // dropped
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                case 3 -> { // duplicated
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at + 1);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> b = Arrays.copyOf(b, Math.max(1, at)); // truncated
            }
        }
        return b;
    }

    private static void readOrRefuse(byte[] body, String contentType, String charset) {
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                DocumentText d = DocumentReader.read(body, contentType, charset, null);
                assertThat(d.text()).isNotNull();
            } catch (UnreadableDocumentException e) {
                assertThat(e.reason()).isNotBlank();
            }
        });
    }

    @Test
    void damagedPdfsAreReadOrRefusedWithAReason() throws Exception {
        byte[] pdf = Files.readAllBytes(RealPdfTest.realPdfDir().resolve("001.pdf"));
        Random random = new Random(20261201);
        for (int i = 0; i < 60; i++) readOrRefuse(mutate(pdf, random), "application/pdf", null);
    }

    @Test
    void damagedWordDocumentsAreReadOrRefusedWithAReason() throws Exception {
        byte[] docx = WordDocumentTest.report2021();
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) readOrRefuse(mutate(docx, random), null, null);
    }

    @Test
    void damagedTextsAreReadOrRefusedWithAReason() {
        Random random = new Random(11);
        String[] samples = {Samples.S000, Samples.S001, Samples.S002, Samples.S003, Samples.S004};
        int read = 0;
        for (int i = 0; i < 500; i++) {
            String text = Samples.text(samples[i % samples.length]);
            boolean gb = i % 2 == 0;
            byte[] body = mutate(text.getBytes(gb ? Charset.forName("GB18030") : StandardCharsets.UTF_8), random);
            try {
                DocumentReader.read(body, "text/plain", gb ? "GB18030" : "UTF-8", null);
                read++;
            } catch (UnreadableDocumentException e) {
                assertThat(e.reason()).startsWith("not text");
            }
        }
        // a handful of damaged bytes in a report is still a report
        assertThat(read).isGreaterThan(450);
    }
}
