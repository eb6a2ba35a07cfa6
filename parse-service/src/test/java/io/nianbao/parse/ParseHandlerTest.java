package io.nianbao.parse;

import io.nianbao.testsupport.TestSamples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.core.ReportParser;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParseHandlerTest {

    private final ParseHandler handler = new ParseHandler(new ReportParser());

    @Test
    void parsesABig5CopyOfATraditionalReport() throws Exception {
        String text = Files.readString(TestSamples.dir().resolve("003_168a611abdf0e580.txt"));
        // Big5 cannot hold the sample's garbled run; replace what it cannot encode, as a Big5 page would
        byte[] big5 = text.getBytes(Charset.forName("Big5"));
        ParsedReportRecord r = handler.handle(raw("r1", big5, "Big5", null));
        assertThat(r.getIssuer()).isEqualTo("同心县人民政府办公室");
        assertThat(r.getProvince()).isEqualTo("宁夏回族自治区");
        assertThat(r.getApplications().get("newReceived").get("total").getValue()).isEqualTo(6.0);
        assertThat(r.getReviewLitigation().get("administrativeReview").get("total").getValue()).isEqualTo(2.0);
    }

    @Test
    void theYearHintFillsWhatTheTextDoesNotSay() throws Exception {
        byte[] body = Files.readAllBytes(TestSamples.dir().resolve("001_22f1b762bef24d9e.txt"));
        ParsedReportRecord r = handler.handle(raw("r2", body, "UTF-8", 2019));
        assertThat(r.getReportYear()).isEqualTo(2019);
        assertThat(r.getHintedFields()).containsExactly("reportYear");
    }

    @Test
    void aTextWithoutTablesIsUnparseable() {
        assertThatThrownBy(() -> handler.handle(raw("r3", "这不是年度报告。".getBytes(StandardCharsets.UTF_8), "UTF-8", null)))
                .isInstanceOf(ParseHandler.Unparseable.class).hasMessageContaining("no table");
        // bytes that are not text (was "does not decode": a few damaged bytes in a long text are now read, with a warning)
        assertThatThrownBy(() -> handler.handle(raw("r4", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41}, "UTF-8", null)))
                .isInstanceOf(ParseHandler.Unparseable.class).hasMessageContaining("not text");
        assertThatThrownBy(() -> handler.handle(raw("r5", new byte[] {'P', 'N', 'G', 0, 0, 1, 2}, "UTF-8", null)))
                .isInstanceOf(ParseHandler.Unparseable.class).hasMessageContaining("NUL");
    }

    @Test
    void aScannedPdfIsUnparseableSayingItHasNoTextLayer() throws Exception {
        RawReport raw = RawReport.newBuilder().setId("scan").setReceivedAt(Instant.now()).setContentType("application/pdf").setCharset("binary")
                .setBody(ByteBuffer.wrap(scannedPdf())).setFileName("scan.pdf").build();
        assertThatThrownBy(() -> handler.handle(raw)).isInstanceOf(ParseHandler.Unparseable.class)
                .hasMessageContaining("no text layer").hasMessageContaining("OCR is not supported");
    }

    @Test
    void readsTheRealPdfOfTheCorpus() throws Exception {
        Path dir = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && dir == null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/corpus/real/pdf"))) dir = p.resolve("shared/corpus/real/pdf");
        }
        assertThat(dir).as("shared/corpus/real/pdf above the working directory").isNotNull();
        RawReport raw = RawReport.newBuilder().setId("pdf").setReceivedAt(Instant.now()).setContentType("application/pdf").setCharset("binary")
                .setBody(ByteBuffer.wrap(Files.readAllBytes(dir.resolve("001.pdf")))).setFileName("001.pdf").build();
        ParsedReportRecord r = handler.handle(raw);
        assertThat(r.getIssuer()).isEqualTo("洪泽区人民政府");
        assertThat(r.getProvince()).isEqualTo("江苏省");
        assertThat(r.getReportYear()).isEqualTo(2023);
        assertThat(r.getApplications().get("newReceived").get("total").getValue()).isEqualTo(21.0);
        assertThat(r.getApplications().get("results.total").get("total").getValue()).isEqualTo(21.0);
        assertThat(r.getReviewLitigation().get("administrativeReview").get("upheld").getValue()).isEqualTo(10.0);
        assertThat(r.getReviewLitigation().get("administrativeReview").get("total").getValue()).isEqualTo(0.0);
    }

    /** A PDF whose only page is an image, as a scanner makes it. */
    static byte[] scannedPdf() throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(200, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var image = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc, img);
            try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                cs.drawImage(image, 50, 500, 400, 200);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static RawReport raw(String id, byte[] body, String charset, Integer year) {
        return RawReport.newBuilder().setId(id).setReceivedAt(Instant.now()).setContentType("text/plain").setCharset(charset)
                .setBody(ByteBuffer.wrap(body)).setYearHint(year).build();
    }

}
