package io.nianbao.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.ReportParser;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.Severity;
import io.nianbao.core.validate.ValidationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = {"Check report files offline: status and every finding.",
        "Exit code 1 when any report is invalid (an arithmetic error), 0 otherwise, 2 when a file cannot be read."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "report files or folders: text, HTML, PDF, .docx, .doc")
    List<Path> files;

    @Option(names = "--json", description = "print JSON (status, issues with rule, severity, location, message) instead of a table")
    boolean json;

    @Option(names = "--all", description = "also list info findings (relations that could not be assessed)")
    boolean all;

    @Option(names = "--lang", description = "message language: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})", defaultValue = "zh")
    Lang lang;

    enum Lang { zh, en }

    @Override
    public Integer call() {
        ReportParser parser = new ReportParser();
        RuleEngine engine = new RuleEngine();
        boolean invalid = false;
        boolean unreadable = false;
        for (Path file : ReportFiles.expand(files)) {
            ParsedReport report;
            try {
                report = parser.parse(file.getFileName().toString(), ReportFiles.document(file), ReportHints.NONE);
            } catch (Exception e) {
                System.err.println(file + ": " + e.getMessage());
                unreadable = true;
                continue;
            }
            ValidationResult result = engine.validate(report);
            invalid |= result.status().equals(ValidationResult.INVALID);
            List<Finding> shown = result.findings().stream().filter(f -> all || f.severity() != Severity.INFO).toList();
            if (json) System.out.println(ReportJson.write(json(file, report, result, shown)));
            else printTable(file, report, result, shown);
        }
        if (unreadable) return 2;
        return invalid ? 1 : 0;
    }

    private ObjectNode json(Path file, ParsedReport report, ValidationResult result, List<Finding> shown) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", file.toString());
        o.put("issuer", report.issuer());
        o.put("province", report.province());
        if (report.reportYear() == null) o.putNull("reportYear");
        else o.put("reportYear", report.reportYear());
        o.put("status", result.status());
        ArrayNode issues = o.putArray("issues");
        for (Finding f : shown) {
            ObjectNode i = issues.addObject();
            i.put("id", f.id());
            i.put("rule", f.rule());
            i.put("severity", f.severity().id());
            i.put("location", f.location());
            i.put("section", f.section());
            i.put("row", f.row());
            i.put("column", f.column());
            i.put("expected", f.expected());
            i.put("actual", f.actual());
            i.put("message", lang == Lang.zh ? f.messageZh() : f.messageEn());
            i.put("messageEn", f.messageEn());
        }
        return o;
    }

    private void printTable(Path file, ParsedReport report, ValidationResult result, List<Finding> shown) {
        System.out.printf("%s  %s  %s %s  → %s%n", file, nz(report.issuer()), nz(report.province()),
                report.reportYear() == null ? "(year unknown)" : report.reportYear(), result.status().toUpperCase());
        if (shown.isEmpty()) System.out.println("  no findings");
        for (Finding f : shown) {
            System.out.printf("  %-8s %-22s %-48s %s%n", f.severity().id(), f.rule(), f.location(), lang == Lang.zh ? f.messageZh() : f.messageEn());
        }
        System.out.println();
    }

    private static String nz(String s) {
        return s == null ? "(unknown)" : s;
    }
}
