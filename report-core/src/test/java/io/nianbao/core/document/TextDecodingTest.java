package io.nianbao.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nianbao.core.Samples;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Declared charsets that are right, clearly wrong, or right with a few damaged bytes; and bodies that are not text. */
class TextDecodingTest {

    private static final Charset GB = Charset.forName("GB18030");
    private static final String REPORT = Samples.text(Samples.S004);

    @Test
    void declaredCharsetThatFitsIsKeptWithoutWarning() throws Exception {
        TextDecoding.Decoded d = TextDecoding.decode(REPORT.getBytes(GB), GB);
        assertThat(d.text()).isEqualTo(REPORT);
        assertThat(d.charset()).isEqualTo(GB);
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void gb18030BodyDeclaredUtf8IsDetected() throws Exception {
        TextDecoding.Decoded d = TextDecoding.decode(REPORT.getBytes(GB), StandardCharsets.UTF_8);
        assertThat(d.text()).isEqualTo(REPORT);
        assertThat(d.charset()).isEqualTo(GB);
        assertThat(d.warnings()).singleElement().asString().startsWith("CHARSET_DETECTED: declared UTF-8").contains("GB18030");
    }

    @Test
    void utf8BodyDeclaredGbkIsDetected() throws Exception {
        TextDecoding.Decoded d = TextDecoding.decode(REPORT.getBytes(StandardCharsets.UTF_8), TextDecoding.charset("GBK"));
        assertThat(d.text()).isEqualTo(REPORT);
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.warnings()).singleElement().asString().startsWith("CHARSET_DETECTED:");
    }

    @Test
    void big5BodyDeclaredUtf8IsDetected() throws Exception {
        String traditional = "2022年政府資訊公開工作年度報告。本機關收到政府資訊公開申請數量共計十五件，依法予以公開八件，部分公開三件。".repeat(4);
        Charset big5 = Charset.forName("Big5");
        TextDecoding.Decoded d = TextDecoding.decode(traditional.getBytes(big5), StandardCharsets.UTF_8);
        assertThat(d.text()).isEqualTo(traditional);
        assertThat(d.charset()).isEqualTo(big5);
    }

    @Test
    void aFewDamagedBytesAreReplacedWithAWarningNamingWhere() throws Exception {
        byte[] body = REPORT.getBytes(GB);
        int line = 13;
        int first = chineseCharacterIn(body, line);
        int second = chineseCharacterIn(body, 41);
        int third = chineseCharacterIn(body, 61);
        for (int lead : new int[] {first, second, third}) body[lead + 1] = (byte) 0x7F; // not a GB18030 trail byte
        TextDecoding.Decoded d = TextDecoding.decode(body, GB);
        assertThat(d.charset()).isEqualTo(GB);
        assertThat(d.warnings()).singleElement().asString()
                .isEqualTo("DECODING_REPLACED: 3 invalid bytes replaced (first at line " + line + ", byte " + first + ") in GB18030");
        assertThat(d.text()).contains("\uFFFD");
        // the rest is the report as written
        assertThat(d.text().replace("\uFFFD", "").replace("\u007F", "")).hasSizeGreaterThan(REPORT.length() - 10);
    }

    @Test
    void damagedUtf8DeclaredUtf8StaysUtf8() throws Exception {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        int i = body.length / 2;
        while ((body[i] & 0xC0) != 0xC0) i++;
        body[i + 1] = 'x'; // a broken sequence: its lead byte and its orphaned last byte are invalid
        TextDecoding.Decoded d = TextDecoding.decode(body, StandardCharsets.UTF_8);
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.warnings()).singleElement().asString().startsWith("DECODING_REPLACED: 2 invalid bytes replaced (first at line ").endsWith(") in UTF-8");
        assertThat(d.text()).startsWith(REPORT.substring(0, 200));
    }

    @Test
    void bodyWithNulBytesIsNotText() {
        byte[] body = new byte[2000];
        new Random(7).nextBytes(body);
        body[10] = 0;
        assertThatThrownBy(() -> TextDecoding.decode(body, StandardCharsets.UTF_8))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageStartingWith("not text").hasMessageContaining("NUL");
    }

    @Test
    void mostlyUndecodableBytesAreNotText() {
        byte[] body = new byte[4000];
        new Random(11).nextBytes(body);
        for (int i = 0; i < body.length; i++) if (body[i] == 0) body[i] = (byte) 0xFF;
        assertThatThrownBy(() -> TextDecoding.decode(body, StandardCharsets.UTF_8))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageStartingWith("not text");
    }

    @Test
    void noDeclaredCharsetReadsGb18030() throws Exception {
        TextDecoding.Decoded d = TextDecoding.decode(REPORT.getBytes(GB), null);
        assertThat(d.text()).isEqualTo(REPORT);
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void utf16WithByteOrderMarkIsRead() throws Exception {
        byte[] body = ("\uFEFF" + REPORT).getBytes(StandardCharsets.UTF_16LE);
        TextDecoding.Decoded d = TextDecoding.decode(body, null);
        assertThat(d.text()).isEqualTo("\uFEFF" + REPORT);
    }

    /** The offset of the lead byte of the first two-byte character of a line of GB18030 text. */
    private static int chineseCharacterIn(byte[] body, int line) {
        int i = offsetOfLine(body, line);
        while (body[i] != '\n') {
            if ((body[i] & 0xFF) >= 0x81) return i;
            i++;
        }
        throw new IllegalArgumentException("line " + line + " has no Chinese character");
    }

    private static int offsetOfLine(byte[] body, int line) {
        int l = 1;
        for (int i = 0; i < body.length; i++) {
            if (l == line) return i;
            if (body[i] == '\n') l++;
        }
        throw new IllegalArgumentException("no line " + line);
    }
}
