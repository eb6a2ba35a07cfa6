package io.nianbao.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/** PDFs that are not readable reports, built with PDFBox: a scan, an encrypted file, a truncated one. */
class PdfDocumentTest {

    /** A page holding only a picture of a table, as a scanner makes it. */
    static byte[] scannedPdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 400, 300);
            g.setColor(Color.BLACK);
            for (int y = 20; y < 300; y += 30) g.drawLine(10, y, 390, y);
            g.dispose();
            PDImageXObject image = LosslessFactory.createFromImage(doc, img);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(image, 50, 400, 400, 300);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] latinPdf(String... lines) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                float y = 780;
                for (String line : lines) {
                    cs.beginText();
                    cs.newLineAtOffset(60, y);
                    cs.showText(line);
                    cs.endText();
                    y -= 20;
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void scannedPdfIsRefusedSayingItHasNoTextLayer() throws IOException {
        byte[] body = scannedPdf();
        assertThat(DocumentFormat.detect(body, null, null)).isEqualTo(DocumentFormat.PDF);
        assertThatThrownBy(() -> DocumentReader.read(body, "application/pdf", null, "scan.pdf"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("no text layer")
                .hasMessageContaining("OCR is not supported");
    }

    @Test
    void passwordProtectedPdfIsRefused() throws IOException {
        byte[] plain = latinPdf("Annual report 2022");
        byte[] locked;
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(plain); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            locked = out.toByteArray();
        }
        assertThatThrownBy(() -> DocumentReader.read(locked, "application/pdf", null, null))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("encrypted");
    }

    @Test
    void truncatedPdfIsRefusedAsCorrupt() throws IOException {
        byte[] body = latinPdf("Annual report 2022");
        byte[] cut = Arrays.copyOf(body, 40);
        assertThatThrownBy(() -> DocumentReader.read(cut, "application/pdf", null, null))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("PDF");
    }

    @Test
    void textLayerIsReadAndPageNumbersDropped() throws Exception {
        byte[] body = latinPdf("Report of the year 2022", "Granted   4   0   4", "- 1 -");
        DocumentText d = DocumentReader.read(body, null, null, "r.pdf");
        assertThat(d.pages()).isEqualTo(1);
        assertThat(d.text().lines()).containsExactly("Report of the year 2022", "Granted\t4\t0\t4");
    }
}
