package io.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportIntakeTest {

    private final ReportIntake intake = new ReportIntake(1000);

    @Test
    void sameBytesSameId() throws Exception {
        byte[] body = "政府信息公开工作年度报告".getBytes(StandardCharsets.UTF_8);
        assertThat(intake.accept(body, "text/plain").id()).isEqualTo(intake.accept(body.clone(), "text/plain; charset=UTF-8").id()).hasSize(32);
        assertThat(intake.accept("另一份报告".getBytes(StandardCharsets.UTF_8), null).id()).isNotEqualTo(intake.accept(body, null).id());
    }

    @Test
    void decodesTheNamedCharsets() throws Exception {
        String text = "同心縣人民政府辦公室2020年政府信息公開工作年度報告";
        assertThat(intake.accept(text.getBytes(Charset.forName("Big5")), "text/plain; charset=Big5").text()).isEqualTo(text);
        String simplified = "分宜县人民政府办公室";
        assertThat(intake.accept(simplified.getBytes(Charset.forName("GBK")), "text/html; charset=gbk").text()).isEqualTo(simplified);
        assertThat(intake.accept(simplified.getBytes(Charset.forName("GB18030")), "text/plain;charset=\"GB18030\"").charset().name()).isEqualTo("GB18030");
    }

    @Test
    void guessesGb18030WhenNoCharsetIsNamedAndTheBytesAreNotUtf8() throws Exception {
        String text = "刚察县人民政府办公室";
        ReportIntake.Accepted a = intake.accept(text.getBytes(Charset.forName("GB18030")), "text/plain");
        assertThat(a.charset().name()).isEqualTo("GB18030");
        assertThat(a.text()).isEqualTo(text);
    }

    @Test
    void refusesWithAReason() {
        assertThatThrownBy(() -> intake.accept(new byte[0], "text/plain")).hasMessageContaining("empty")
                .extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> intake.accept(new byte[1001], "text/plain")).hasMessageContaining("limit")
                .extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(413);
        // two bytes, one of them invalid in every charset: not text (was "do not decode"; a few bad bytes in a long text are now accepted)
        assertThatThrownBy(() -> intake.accept(new byte[] {(byte) 0xC3, 0x28}, "text/plain; charset=UTF-8"))
                .hasMessageContaining("not text").hasMessageContaining("UTF-8")
                .extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> intake.accept(new byte[] {'a', 0, 'b', 0, 1, 2}, "text/plain"))
                .hasMessageContaining("NUL").extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> intake.accept("x".getBytes(StandardCharsets.UTF_8), "text/plain; charset=klingon"))
                .extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(415);
    }

    private static final ReportIntake LARGE = new ReportIntake(1 << 20);
    private static final String REPORT = "刚察县人民政府办公室2019年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请数量4件，予以公开4件。\n".repeat(20);

    @Test
    void aFewDamagedBytesAreAcceptedWithAWarning() throws Exception {
        byte[] body = REPORT.getBytes(Charset.forName("GB18030"));
        int at = body.length / 2;
        while ((body[at] & 0xFF) < 0x81) at++;
        body[at + 1] = (byte) 0x7F;
        ReportIntake.Accepted a = LARGE.accept(body, "text/plain; charset=GB18030");
        assertThat(a.charset().name()).isEqualTo("GB18030");
        assertThat(a.warnings()).anyMatch(w -> w.startsWith("DECODING_REPLACED: ") && w.contains("in GB18030"));
        assertThat(a.text()).contains("\uFFFD");
    }

    @Test
    void aClearlyWrongDeclaredCharsetIsCorrected() throws Exception {
        ReportIntake.Accepted a = LARGE.accept(REPORT.getBytes(Charset.forName("GB18030")), "text/plain; charset=UTF-8");
        assertThat(a.charset().name()).isEqualTo("GB18030");
        assertThat(a.text()).isEqualTo(REPORT);
        assertThat(a.warnings()).singleElement().asString().startsWith("CHARSET_DETECTED: declared UTF-8");
    }

    @Test
    void documentsAreAcceptedAsBytesByMediaTypeOrMagic() throws Exception {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        ReportIntake.Accepted a = LARGE.accept(pdf, "application/pdf");
        assertThat(a.format()).isEqualTo(io.nianbao.core.document.DocumentFormat.PDF);
        assertThat(a.mediaType()).isEqualTo("application/pdf");
        assertThat(a.charsetName()).isEqualTo(ReportIntake.BINARY);
        assertThat(a.text()).isNull();
        assertThat(LARGE.accept(pdf, "application/octet-stream").mediaType()).isEqualTo("application/pdf");
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(LARGE.accept(ole2, "application/octet-stream").mediaType()).isEqualTo("application/msword");
        byte[] zip = {'P', 'K', 3, 4, 0, 0};
        assertThat(LARGE.accept(zip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document").format())
                .isEqualTo(io.nianbao.core.document.DocumentFormat.DOCX);
        // text sent as application/octet-stream is text
        ReportIntake.Accepted t = LARGE.accept(REPORT.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
        assertThat(t.mediaType()).isEqualTo("text/plain");
        assertThat(t.text()).isEqualTo(REPORT);
    }

    @Test
    void aDocumentWhoseBytesAreNotWhatItsTypeSaysIsRefused() {
        assertThatThrownBy(() -> LARGE.accept(REPORT.getBytes(StandardCharsets.UTF_8), "application/pdf"))
                .hasMessageContaining("not a PDF").extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> LARGE.accept("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "application/msword"))
                .hasMessageContaining("a PDF").extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(400);
    }
}
