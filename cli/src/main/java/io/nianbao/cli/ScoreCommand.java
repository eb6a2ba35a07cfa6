package io.nianbao.cli;

import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.score.Field;
import io.nianbao.core.score.Manifest;
import io.nianbao.core.score.Scorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "score", description = "Score the reader against hand-read figures: parse every file a manifest lists and print, per file and in total, "
        + "the fields right, missing and wrong. Exit 1 when any value is wrong.")
final class ScoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MANIFEST", arity = "1..*", description = "manifest.json files in the corpus format (a \"reports\" or \"heads\" array)")
    List<Path> manifests;

    @Option(names = "--details", description = "list every missing and wrong field with the expected and the parsed value")
    boolean details;

    @Override
    public Integer call() throws Exception {
        ReportParser parser = new ReportParser();
        Scorer scorer = new Scorer();
        List<Scorer.FileScore> all = new ArrayList<>();
        String format = "%-52s %6s %8s %6s  %s%n";
        System.out.printf(format, "file", "right", "missing", "wrong", "");
        for (Path manifestPath : manifests) {
            Manifest manifest = Manifest.read(manifestPath);
            for (Scorer.FileScore s : scorer.score(manifest, file -> parser.parse(file.getFileName().toString(), ReportFiles.document(file), ReportHints.NONE))) {
                all.add(s);
                Path root = manifestPath.toAbsolutePath().getParent();
                String name = root.getParent() == null ? s.file().toString() : root.getParent().relativize(s.file().toAbsolutePath()).toString();
                String note = s.failure() != null ? "unreadable: " + s.failure() : s.fullyRight() ? "fully right" : "";
                System.out.printf(format, name, s.count(Scorer.Outcome.RIGHT), s.count(Scorer.Outcome.MISSING), s.count(Scorer.Outcome.WRONG), note);
                if (details) {
                    for (Scorer.Check c : s.checks()) {
                        if (c.outcome() == Scorer.Outcome.RIGHT) continue;
                        System.out.printf("    %-7s %-24s expected %s, parsed %s%n", c.outcome(), c.field().key(), c.expected(), c.actual());
                    }
                }
            }
        }
        long right = all.stream().mapToLong(s -> s.count(Scorer.Outcome.RIGHT)).sum();
        long missing = all.stream().mapToLong(s -> s.count(Scorer.Outcome.MISSING)).sum();
        long wrong = all.stream().mapToLong(s -> s.count(Scorer.Outcome.WRONG)).sum();
        long fully = all.stream().filter(Scorer.FileScore::fullyRight).count();
        System.out.printf(format, "total (" + all.size() + " files)", right, missing, wrong, fully + " of " + all.size() + " fully right");
        System.out.println();
        System.out.printf("%-24s %6s %8s %6s%n", "field", "right", "missing", "wrong");
        for (Map.Entry<Field, long[]> e : Scorer.byField(all).entrySet()) {
            long[] n = e.getValue();
            System.out.printf("%-24s %6d %8d %6d%n", e.getKey().key(), n[0], n[1], n[2]);
        }
        return wrong == 0 ? 0 : 1;
    }
}
