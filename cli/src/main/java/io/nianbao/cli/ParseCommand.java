package io.nianbao.cli;

import io.nianbao.core.ReportParser;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.metadata.ReportHints;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "parse", description = "Parse report files offline and print one JSON object per report (no broker needed).")
final class ParseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "report files or folders: text or HTML (UTF-8, GB18030 or Big5), PDF with a text layer, Word .docx or .doc")
    List<Path> files;

    @Option(names = "--raw", description = "print every cell as {value, raw}: the number and the text the report printed")
    boolean raw;

    @Option(names = "--year", description = "report year to use when the text does not say (marked as a hint)")
    Integer year;

    @Option(names = "--publisher", description = "issuer to use when the text does not say (marked as a hint)")
    String publisher;

    @Override
    public Integer call() {
        ReportParser parser = new ReportParser();
        int failures = 0;
        for (Path file : ReportFiles.expand(files)) {
            try {
                var report = parser.parse(file.getFileName().toString(), ReportFiles.document(file), new ReportHints(null, publisher, year));
                var json = ReportJson.parsed(report, raw);
                json.put("file", file.toString());
                System.out.println(ReportJson.write(json));
            } catch (Exception e) {
                failures++;
                System.err.println(file + ": " + e.getMessage());
            }
        }
        return failures == 0 ? 0 : 2;
    }
}
