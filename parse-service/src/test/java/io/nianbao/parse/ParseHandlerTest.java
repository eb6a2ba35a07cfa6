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
        assertThatThrownBy(() -> handler.handle(raw("r4", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41}, "UTF-8", null)))
                .isInstanceOf(ParseHandler.Unparseable.class).hasMessageContaining("does not decode");
    }

    static RawReport raw(String id, byte[] body, String charset, Integer year) {
        return RawReport.newBuilder().setId(id).setReceivedAt(Instant.now()).setContentType("text/plain").setCharset(charset)
                .setBody(ByteBuffer.wrap(body)).setYearHint(year).build();
    }

}
