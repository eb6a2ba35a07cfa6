package io.nianbao.core.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.ReportParser;
import io.nianbao.core.Samples;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drill-down's and the checker's view of a report, on the real samples. */
class ReportViewTest {

    private static ParsedReport parse(String sample, String id) {
        return new ReportParser().parse(id, Samples.text(sample), ReportHints.NONE);
    }

    private static JsonNode section(JsonNode view, String id) {
        for (JsonNode s : view.path("sections")) if (s.path("id").asText().equals(id)) return s;
        throw new AssertionError("no section " + id);
    }

    private static JsonNode row(JsonNode section, String row) {
        for (JsonNode r : section.path("rows")) if (r.path("row").asText().equals(row)) return r;
        throw new AssertionError("no row " + row);
    }

    @Test
    void everyCellAsPrintedAndReadAndEachFindingOnItsCells() {
        ParsedReport r = parse(Samples.S004, "004");
        ValidationResult v = new RuleEngine().validate(r);
        ObjectNode view = ReportView.of(r, v.status(), v.findings());

        assertThat(view.path("issuer").asText()).isEqualTo(r.issuer());
        assertThat(view.path("status").asText()).isEqualTo("invalid");
        JsonNode applications = section(view, ReportView.APPLICATIONS);
        assertThat(applications.path("label").asText()).startsWith("三、");
        assertThat(applications.path("columns")).hasSize(7);
        // the sample's 青海 report: newReceived from other organisations is 4 (as the aggregate test reads it)
        JsonNode newReceived = row(applications, "newReceived");
        assertThat(newReceived.path("label").asText()).isEqualTo("一、本年新收政府信息公开申请数量");
        assertThat(newReceived.at("/cells/otherOrg/value").asDouble()).isEqualTo(r.applications().value("newReceived", "otherOrg"));
        assertThat(newReceived.at("/cells/otherOrg/raw").asText()).isEqualTo(r.applications().get("newReceived", "otherOrg").raw());
        // rows come in the template's order, 一 before 二 before the results
        List<String> order = new ArrayList<>();
        applications.path("rows").forEach(x -> order.add(x.path("row").asText()));
        assertThat(order.indexOf("newReceived")).isLessThan(order.indexOf("carriedOver"));
        assertThat(order.indexOf("carriedOver")).isLessThan(order.indexOf("results.total"));

        // APP_RESULTS_SUM in column otherOrg is on the 总计 row's otherOrg cell
        JsonNode resultsSum = null;
        JsonNode balance = null;
        for (JsonNode f : view.path("findings")) {
            if (f.path("rule").asText().equals("APP_RESULTS_SUM") && f.path("column").asText().equals("otherOrg")) resultsSum = f;
            if (f.path("rule").asText().equals("APP_BALANCE") && f.path("column").asText().equals("otherOrg")) balance = f;
        }
        assertThat(resultsSum).isNotNull();
        assertThat(resultsSum.path("cells")).hasSize(1);
        assertThat(resultsSum.at("/cells/0/row").asText()).isEqualTo("results.total");
        assertThat(resultsSum.path("severity").asText()).isEqualTo("error");
        assertThat(resultsSum.path("messageZh").asText()).isNotBlank();
        // APP_BALANCE names no row: it is about the four rows of the balance in its column
        assertThat(balance).isNotNull();
        List<String> rows = new ArrayList<>();
        balance.path("cells").forEach(c -> rows.add(c.path("row").asText()));
        assertThat(rows).containsExactly("newReceived", "carriedOver", "results.total", "carriedForward");

        JsonNode review = section(view, ReportView.REVIEW_LITIGATION);
        assertThat(review.path("rows")).hasSize(3);
        assertThat(review.path("columns")).hasSize(5);
    }

    @Test
    void aCorrectionRecordsTheFindingsItWithdrewAndTheSameVersionAgainChangesNothing() {
        ParsedReport original = parse(Samples.S004, "v1");
        ValidationResult bad = new RuleEngine().validate(original);
        Instant at1 = Instant.parse("2020-01-10T00:00:00Z"), at2 = Instant.parse("2020-02-01T00:00:00Z");
        var v1 = ReportDetail.versions(null, original, bad.status(), bad.findings(), "http://a/1.html", at1);
        ObjectNode first = ReportDetail.of("630224|x|2019", original, bad.status(), bad.findings(), "http://a/1.html", at1, v1);
        assertThat(first.path("versions")).hasSize(1);
        assertThat(first.at("/versions/0/findings").asInt()).isEqualTo(ReportDetail.counted(bad.findings())).isPositive();
        assertThat(first.path("identity").asText()).isEqualTo("630224|x|2019");
        assertThat(first.path("receivedAt").asText()).isEqualTo("2020-01-10T00:00:00Z");

        // a correction with no findings withdraws every finding of the first version
        ParsedReport corrected = parse(Samples.S004, "v2");
        var v2 = ReportDetail.versions(new ReportDetail.Earlier("v1", bad.findings(), v1), corrected, "valid", List.of(), "http://a/1.html", at2);
        ObjectNode second = ReportDetail.of("630224|x|2019", corrected, "valid", List.of(), "http://a/1.html", at2, v2);
        assertThat(second.path("versions")).hasSize(2);
        assertThat(second.at("/versions/0/reportId").asText()).isEqualTo("v2");
        assertThat(second.at("/versions/1/reportId").asText()).isEqualTo("v1");
        assertThat(second.at("/versions/0/withdrawn")).hasSize(bad.findings().size());
        assertThat(second.at("/versions/0/withdrawn/0/messageZh").asText()).isNotBlank();
        assertThat(second.at("/versions/0/withdrawn/0/severity").asText()).isEqualTo(bad.findings().getFirst().severity().id());

        var v3 = ReportDetail.versions(new ReportDetail.Earlier("v2", List.of(), v2), corrected, "valid", List.of(), "http://a/1.html", at2);
        ObjectNode again = ReportDetail.of("630224|x|2019", corrected, "valid", List.of(), "http://a/1.html", at2, v3);
        assertThat(again.path("versions")).isEqualTo(second.path("versions"));
    }

    @Test
    void issuerRowsReplaceAnIdentitysRowAndRemoveIt() {
        ParsedReport r = parse(Samples.S004, "a");
        ValidationResult v = new RuleEngine().validate(r);
        ObjectNode rowA = IssuerRows.row("id-a", r, v.status(), v.findings(), "http://a", Instant.EPOCH);
        ObjectNode rowA2 = IssuerRows.row("id-a", r, "valid", List.of(), "http://a", Instant.EPOCH);
        ObjectNode rowB = IssuerRows.row("id-b", r, "valid", List.of(), null, Instant.EPOCH);
        ObjectNode rows = IssuerRows.add(IssuerRows.add(IssuerRows.empty(), rowA), rowB);
        assertThat(IssuerRows.list(rows)).hasSize(2);
        assertThat(rowA.path("errors").asInt()).isEqualTo(v.errors().size());
        // a correction: subtract the old row, add the new one
        rows = IssuerRows.add(IssuerRows.remove(rows, rowA), rowA2);
        assertThat(IssuerRows.list(rows)).hasSize(2);
        assertThat(rows.at("/id-a/status").asText()).isEqualTo("valid");
        assertThat(IssuerRows.list(IssuerRows.remove(rows, rowB))).extracting(n -> n.path("identity").asText()).containsExactly("id-a");
    }
}
