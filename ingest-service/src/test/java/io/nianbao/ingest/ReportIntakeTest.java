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
        assertThatThrownBy(() -> intake.accept(new byte[] {(byte) 0xC3, 0x28}, "text/plain; charset=UTF-8"))
                .hasMessageContaining("do not decode as UTF-8");
        assertThatThrownBy(() -> intake.accept("x".getBytes(StandardCharsets.UTF_8), "text/plain; charset=klingon"))
                .extracting(e -> ((ReportIntake.Rejection) e).status()).isEqualTo(415);
    }
}
