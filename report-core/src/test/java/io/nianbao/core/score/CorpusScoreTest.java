package io.nianbao.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.ReportParser;
import io.nianbao.core.Samples;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.document.DocumentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader scored against every hand-read figure of the corpus (the seeds in samples/ and
 * ../shared/corpus/real): no value may be wrong, and what is read right may only grow.
 */
class CorpusScoreTest {

    private final ReportParser parser = new ReportParser();

    static List<Path> manifests() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(Samples.dir().resolve(".manifest.json"));
        try (Stream<Path> s = Files.list(Samples.corpus().resolve("real"))) {
            s.map(d -> d.resolve("manifest.json")).filter(Files::isRegularFile).sorted().forEach(out::add);
        }
        return out;
    }

    private Scorer.FileParser fileParser() {
        return file -> parser.parse(file.getFileName().toString(),
                DocumentReader.read(Files.readAllBytes(file), null, null, file.getFileName().toString()), ReportHints.NONE);
    }

    @Test
    void noValueIsWrongAndTheSeedsAndArchiveTablesAreRead() throws IOException {
        List<Scorer.FileScore> all = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Path m : manifests()) {
            for (Scorer.FileScore s : new Scorer().score(Manifest.read(m), fileParser())) {
                all.add(s);
                for (Scorer.Check c : s.checks()) {
                    if (c.outcome() == Scorer.Outcome.WRONG) wrong.add(s.file().getFileName() + " " + c.field().key() + ": expected " + c.expected() + ", parsed " + c.actual());
                }
            }
        }
        Scorer.byField(all).forEach((f, n) -> System.out.printf("%-30s right %3d missing %3d wrong %3d%n", f.key(), n[0], n[1], n[2]));
        assertThat(wrong).as("wrong values").isEmpty();
        long right = all.stream().mapToLong(s -> s.count(Scorer.Outcome.RIGHT)).sum();
        assertThat(all).hasSizeGreaterThanOrEqualTo(42);
        // the floor: what the reader reads right today; raise it as it improves
        assertThat(right).isGreaterThanOrEqualTo(RIGHT_FLOOR);
    }

    static final long RIGHT_FLOOR = 353;
}
