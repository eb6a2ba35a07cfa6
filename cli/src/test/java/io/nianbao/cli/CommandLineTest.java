package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.json.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The offline commands as an office would script them. */
class CommandLineTest {

    private static Path samples() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("samples"))) p = p.getParent();
        return p.resolve("samples");
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return new Run(Nianbao.run(args), buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void parsePrintsTheJsonShapeOfTheReference() throws Exception {
        Run r = run("parse", samples().resolve("001_22f1b762bef24d9e.txt").toString());
        assertThat(r.exit()).isZero();
        JsonNode json = ReportJson.MAPPER.readTree(r.out());
        assertThat(json.get("reportYear").isNull()).isTrue();
        assertThat(json.get("province").asText()).isEqualTo("江西省");
        assertThat(json.at("/applications/results/granted/total").asInt()).isEqualTo(7);
        assertThat(json.at("/activeDisclosure/licensing/change").asInt()).isEqualTo(-39);
        assertThat(json.get("warnings").toString()).contains("REPORT_YEAR_NOT_FOUND");
    }

    @Test
    void validateExitsNonZeroWhenAReportIsInvalid() throws Exception {
        Run consistent = run("validate", "--json", samples().resolve("001_22f1b762bef24d9e.txt").toString());
        assertThat(consistent.exit()).isZero();
        assertThat(ReportJson.MAPPER.readTree(consistent.out()).get("status").asText()).isEqualTo("warnings");

        Run invalid = run("validate", samples().resolve("002_1d0c304c5194360b.txt").toString());
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.out()).contains("INVALID").contains("APP_BALANCE").contains("applications[total]");
    }

    @Test
    void validateReadsAWholeFolder() {
        Run all = run("validate", "--json", samples().toString());
        assertThat(all.exit()).isEqualTo(1);
        assertThat(all.out().split("\"status\"")).hasSize(6);
    }

    @Test
    void scoreCountsRightMissingAndWrongAndExitsNonZeroOnAWrongValue(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Run seeds = run("score", samples().resolve(".manifest.json").toString());
        assertThat(seeds.exit()).isZero();
        assertThat(seeds.out()).contains("total (5 files)").contains("5 of 5 fully right");

        // a manifest whose person read 002's 新收 as 6 (the report prints 5), and a figure no parse can give
        Path report = dir.resolve("002.txt");
        Files.copy(samples().resolve("002_1d0c304c5194360b.txt"), report);
        Files.writeString(dir.resolve("manifest.json"), """
                {"reports": [{"file": "002.txt", "issuer": "安源区人民政府", "province": "江西省", "report_year": 2019,
                  "new_received_total": 6, "carried_over_total": 3}]}
                """);
        Run wrong = run("score", "--details", dir.resolve("manifest.json").toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.out()).contains("WRONG   new_received_total       expected 6, parsed 5");
        assertThat(wrong.out()).containsPattern("002.txt\\s+4\\s+0\\s+1");
    }
}
