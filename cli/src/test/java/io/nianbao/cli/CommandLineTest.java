package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.json.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    @Test
    void theBenchsTablesAreChosenInAnyCaseAndConsistentByDefault() {
        assertThat(CommandLineTest.<PipelineBenchCommand>parsed("bench-pipeline").tables).isEqualTo(PipelineBenchCommand.Tables.CONSISTENT);
        assertThat(CommandLineTest.<PipelineBenchCommand>parsed("bench-pipeline", "--tables", "Random").tables).isEqualTo(PipelineBenchCommand.Tables.RANDOM);
        assertThatThrownBy(() -> parsed("bench-pipeline", "--tables", "messy")).hasMessageContaining("--tables").hasMessageContaining("messy");
    }

    /** The command a line parses to, with its options set (nothing runs). */
    @SuppressWarnings("unchecked")
    private static <T> T parsed(String... args) {
        CommandLine.ParseResult result = Nianbao.commandLine().parseArgs(args);
        while (result.hasSubcommand()) result = result.subcommand();
        return (T) result.commandSpec().userObject();
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null ? otherwise : v;
    }

    @Test
    void theStackOptionsTheLauncherPassesReachEveryCommand() {
        // as ./nianbao calls them
        assertThat(((RegistryCommand) parsed("registry", "--url", "http://r:1")).url).isEqualTo("http://r:1");
        assertThat(((TopicsCommand) parsed("topics", "create", "--bootstrap", "k:1")).kafka.bootstrap).isEqualTo("k:1");
        assertThat(((IngestCommand) parsed("ingest", "--url", "http://i:1", "x")).service.url).isEqualTo("http://i:1");
        assertThat(((SourcesCommand.ListSources) parsed("sources", "list", "--url", "http://i:2")).service.url).isEqualTo("http://i:2");
        assertThat(((AggregatesCommand) parsed("aggregates", "--url", "http://a:1", "--wait-for", "3")).url).isEqualTo("http://a:1");
        WatchCommand watch = parsed("watch", "issues", "--bootstrap", "k:2", "--registry", "http://r:2");
        assertThat(watch.kafka.bootstrap).isEqualTo("k:2");
        assertThat(watch.schemas.registry).isEqualTo("http://r:2");
        assertThat(((DeadLettersCommand) parsed("dead-letters", "--bootstrap", "k:3")).kafka.bootstrap).isEqualTo("k:3");
        ChaosCommand chaos = parsed("chaos", "--home", "h", "--script", "s", "--ingest", "http://i:4", "--aggregate", "http://a:4",
                "--bootstrap", "k:4", "--registry", "http://r:4");
        assertThat(List.of(chaos.stack.ingest, chaos.stack.aggregate, chaos.stack.bootstrap(), chaos.stack.registry(), chaos.home.toString()))
                .containsExactly("http://i:4", "http://a:4", "k:4", "http://r:4", "h");
        PipelineBenchCommand bench = parsed("bench-pipeline", "--ingest", "http://i:5", "--aggregate", "http://a:5", "--bootstrap", "k:5",
                "--registry", "http://r:5", "--home", "h5");
        assertThat(List.of(bench.stack.ingest, bench.stack.aggregate, bench.stack.bootstrap(), bench.stack.registry(), bench.home.toString()))
                .containsExactly("http://i:5", "http://a:5", "k:5", "http://r:5", "h5");
        // a path is appended to the services' addresses: a trailing slash is dropped
        StackOptions.Stack slashed = ((ChaosCommand) parsed("chaos", "--home", "h", "--script", "s", "--ingest", "http://i:6/", "--aggregate", "http://a:6/")).stack;
        assertThat(List.of(slashed.ingestUrl(), slashed.aggregateUrl())).containsExactly("http://i:6", "http://a:6");
    }

    @Test
    void everyCommandFallsBackToTheSameEnvironmentAndDefaults() {
        String ingest = env("NIANBAO_INGEST_URL", "http://127.0.0.1:8181");
        String aggregate = env("NIANBAO_AGGREGATE_URL", "http://127.0.0.1:8184");
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String registry = env("NIANBAO_REGISTRY_URL", "http://127.0.0.1:8085");
        assertThat(((RegistryCommand) parsed("registry")).url).isEqualTo(registry);
        assertThat(((TopicsCommand) parsed("topics")).kafka.bootstrap).isEqualTo(bootstrap);
        assertThat(((DeadLettersCommand) parsed("dead-letters")).kafka.bootstrap).isEqualTo(bootstrap);
        assertThat(((IngestCommand) parsed("ingest", "x")).service.url).isEqualTo(ingest);
        assertThat(((SourcesCommand) parsed("sources")).service.url).isEqualTo(ingest);
        assertThat(((AggregatesCommand) parsed("aggregates")).url).isEqualTo(aggregate);
        WatchCommand watch = parsed("watch");
        assertThat(List.of(watch.kafka.bootstrap, watch.schemas.registry)).containsExactly(bootstrap, registry);
        ChaosCommand chaos = parsed("chaos", "--home", "h", "--script", "s");
        assertThat(List.of(chaos.stack.ingest, chaos.stack.aggregate, chaos.stack.bootstrap(), chaos.stack.registry()))
                .containsExactly(ingest, aggregate, bootstrap, registry);
        PipelineBenchCommand bench = parsed("bench-pipeline");
        assertThat(List.of(bench.stack.ingest, bench.stack.aggregate, bench.stack.bootstrap(), bench.stack.registry(), bench.home.toString()))
                .containsExactly(ingest, aggregate, bootstrap, registry, env("NIANBAO_HOME", ".nianbao"));
    }
}
