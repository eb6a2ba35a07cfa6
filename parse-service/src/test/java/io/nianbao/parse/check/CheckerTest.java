package io.nianbao.parse.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.ReportParser;
import io.nianbao.core.document.UnreadableDocumentException;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.testsupport.TestSamples;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker without a server: the real PDF and a sample in GBK, read and validated as the pipeline does. */
class CheckerTest {

    private final Checker checker = new Checker();

    /** The real PDF of ../shared/corpus/real (read where it is, never copied into the project). */
    static Path realPdf() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pdf = p.resolve("shared/corpus/real/pdf/001.pdf");
            if (Files.isRegularFile(pdf)) return pdf;
        }
        throw new AssertionError("shared/corpus/real/pdf/001.pdf above the working directory");
    }

    @Test
    void theRealPdfAsReadWithItsPublishedInconsistencyOnItsCell() throws Exception {
        JsonNode v = checker.check(Files.readAllBytes(realPdf()), "application/pdf", "001.pdf", ReportHints.NONE);
        // the corpus manifest's hand-read figures: 洪泽区人民政府, 2023, template 2021, 21 new applications
        assertThat(v.path("issuer").asText()).isEqualTo("洪泽区人民政府");
        assertThat(v.path("reportYear").asInt()).isEqualTo(2023);
        assertThat(v.path("format").asText()).isEqualTo("PDF");
        assertThat(v.path("pages").asInt()).isEqualTo(5);
        assertThat(v.path("status").asText()).isEqualTo("invalid");
        JsonNode review = null;
        for (JsonNode f : v.path("findings")) if (f.path("rule").asText().equals("REVIEW_SUM") && f.path("severity").asText().equals("error")) review = f;
        assertThat(review).as("行政复议: 维持 10 + 纠正 1 … ≠ 总计 0, as published").isNotNull();
        assertThat(review.at("/cells/0/section").asText()).isEqualTo("reviewLitigation");
        assertThat(review.at("/cells/0/row").asText()).isEqualTo("administrativeReview");
        assertThat(review.at("/cells/0/column").asText()).isEqualTo("total");
        for (JsonNode s : v.path("sections")) {
            if (!s.path("id").asText().equals("applications")) continue;
            for (JsonNode row : s.path("rows")) if (row.path("row").asText().equals("newReceived")) assertThat(row.at("/cells/total/value").asInt()).isEqualTo(21);
        }
    }

    @Test
    void theSameFindingsAndMessagesAsTheValidatorForATextInGbk() throws Exception {
        String text = Files.readString(TestSamples.dir().resolve("000_b7e468c868dd9816.txt"));
        JsonNode v = checker.check(text.getBytes(Charset.forName("GBK")), "text/plain; charset=GBK", null, ReportHints.NONE);
        List<Finding> expected = new RuleEngine().validate(new ReportParser().parse("check", text, ReportHints.NONE)).findings();
        List<String> got = new ArrayList<>();
        v.path("findings").forEach(f -> got.add(f.path("rule").asText() + " " + f.path("messageZh").asText()));
        assertThat(got).containsExactlyElementsOf(expected.stream().map(f -> f.rule() + " " + f.messageZh()).toList());
        assertThat(v.path("status").asText()).isEqualTo("invalid");
    }

    @Test
    void anHtmlPageAndAWordFileGiveWhatThePipelineGivesForTheSameBytes() throws Exception {
        String text = Files.readString(TestSamples.dir().resolve("004_9440981a45cb5a2e.txt"));
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"gb18030\"><title>年报</title></head><body>");
        text.lines().forEach(line -> html.append("<p>").append(line.replace("&", "&amp;").replace("<", "&lt;")).append("</p>"));
        html.append("</body></html>");
        byte[] page = html.toString().getBytes(Charset.forName("GB18030"));
        JsonNode fromHtml = checker.check(page, "text/html; charset=GB18030", "nb.html", ReportHints.NONE);
        assertThat(fromHtml.path("format").asText()).isEqualTo("HTML");
        assertThat(fromHtml.path("issuer").asText()).isEqualTo(new ReportParser().parse("text", text, ReportHints.NONE).issuer());
        assertThat(locations(fromHtml)).isNotEmpty().containsExactlyInAnyOrderElementsOf(pipeline(page, "text/html", "GB18030", "nb.html"));

        java.io.ByteArrayOutputStream docx = new java.io.ByteArrayOutputStream();
        try (org.apache.poi.xwpf.usermodel.XWPFDocument word = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
            text.lines().forEach(line -> word.createParagraph().createRun().setText(line));
            word.write(docx);
        }
        String wordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        JsonNode fromWord = checker.check(docx.toByteArray(), wordType, "nb.docx", ReportHints.NONE);
        assertThat(fromWord.path("format").asText()).isEqualTo("DOCX");
        assertThat(locations(fromWord)).isNotEmpty().containsExactlyInAnyOrderElementsOf(pipeline(docx.toByteArray(), wordType, "binary", "nb.docx"));
    }

    /** What parse-service publishes for these bytes, validated as validate-service does: rule and place of each finding. */
    private static List<String> pipeline(byte[] body, String contentType, String charset, String fileName) throws Exception {
        io.nianbao.contracts.avro.RawReport raw = io.nianbao.contracts.avro.RawReport.newBuilder().setId("pipeline").setReceivedAt(java.time.Instant.now())
                .setContentType(contentType).setCharset(charset).setBody(java.nio.ByteBuffer.wrap(body)).setFileName(fileName).build();
        var parsed = io.nianbao.contracts.AvroMapping.fromRecord(new io.nianbao.parse.ParseHandler(new ReportParser()).handle(raw));
        List<String> out = new ArrayList<>();
        new RuleEngine().validate(parsed).findings().forEach(f -> out.add(f.rule() + " " + f.location()));
        return out;
    }

    private static List<String> locations(JsonNode view) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : view.path("findings")) {
            String where = f.path("section").asText("") + (f.path("row").isTextual() ? "." + f.path("row").asText() : "")
                    + (f.path("column").isTextual() ? "[" + f.path("column").asText() + "]" : "");
            out.add(f.path("rule").asText() + " " + where);
        }
        return out;
    }

    @Test
    void anEmptyBodyIsRefusedWithAReason() {
        assertThatThrownBy(() -> checker.check(new byte[0], "text/plain", null, ReportHints.NONE))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("empty");
    }

    @Test
    void theCharsetComesFromTheContentType() {
        assertThat(Checker.charset("text/html; charset=\"gb18030\"")).isEqualTo("gb18030");
        assertThat(Checker.mediaType("text/html; charset=gb18030")).isEqualTo("text/html");
        assertThat(Checker.charset("application/pdf")).isNull();
    }
}
