package io.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product as a user runs it: ./nianbao up starts the real broker, registry and the four built
 * services as processes (on free ports, in a state folder of its own); a report posted to ingest comes
 * out as an aggregate; ./nianbao stop ends every process it started, also when the test fails.
 */
class StackEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> ENV = new HashMap<>();
    private static Path project;
    private static Path home;

    @BeforeAll
    static void up() throws Exception {
        project = Path.of(System.getProperty("nianbao.project.dir", "..")).toAbsolutePath().normalize();
        home = Path.of("target", "e2e-home").toAbsolutePath();
        deleteRecursively(home);
        ENV.put("NIANBAO_HOME", home.toString());
        ENV.put("NIANBAO_SKIP_BUILD", "1");
        for (String port : List.of("KAFKA", "CONTROLLER", "REGISTRY", "REGISTRY_MANAGEMENT", "INGEST", "PARSE", "VALIDATE", "AGGREGATE")) {
            ENV.put("NIANBAO_" + port + "_PORT", Integer.toString(freePort()));
        }
        Run up = nianbao("up");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("nianbao is up");
    }

    @AfterAll
    static void stop() throws Exception {
        Run stop = nianbao("stop");
        assertThat(stop.exit()).as(stop.output()).isZero();
        Run status = nianbao("status");
        assertThat(status.output()).doesNotContain("running");
        try (var pids = Files.list(home.resolve("run"))) {
            assertThat(pids.toList()).as("pid files left").isEmpty();
        }
    }

    @Test
    void aReportPostedToIngestComesOutAsAnAggregate() throws Exception {
        byte[] report = Files.readAllBytes(project.resolve("samples").resolve("004_9440981a45cb5a2e.txt"));
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(url("INGEST") + "/api/reports"))
                .header("Content-Type", "text/plain; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofByteArray(report)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("AGGREGATE") + "/api/aggregates?year=2019")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode qinghai = null;
            for (JsonNode row : JSON.readTree(r.body())) if ("青海省".equals(row.path("province").asText())) qinghai = row;
            assertThat(qinghai).as(r.body()).isNotNull();
            assertThat(qinghai.path("reports").asInt()).isEqualTo(1);
            assertThat(qinghai.at("/applications/newReceived/otherOrg").asInt()).isEqualTo(4);
            assertThat(qinghai.at("/reportsByStatus/invalid").asInt()).isEqualTo(1);
        });
    }

    /**
     * A report of 4.9 MB (ingest takes up to 5 MB) goes through every topic on the real broker: producers,
     * topics and consumers take records as large as ingest accepts. A year of its own keeps it apart.
     */
    @Test
    void aReportOfAlmostFiveMegabytesGoesThroughEndToEnd() throws Exception {
        String text = Files.readString(project.resolve("samples").resolve("000_b7e468c868dd9816.txt")).replace("2019", "2012"); // a year of its own (a year after this one would be rejected)
        StringBuilder big = new StringBuilder(text).append('\n');
        String paragraph = "本机关依法推进政府信息公开工作，持续完善公开制度，加强平台建设，回应社会关切。\n";
        int target = 4_900 * 1024;
        while (big.toString().getBytes(StandardCharsets.UTF_8).length + paragraph.length() * 3 < target) {
            for (int i = 0; i < 1000; i++) big.append(paragraph);
        }
        byte[] report = big.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(report.length).isBetween(4_500 * 1024, 5 * 1024 * 1024);
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(url("INGEST") + "/api/reports"))
                .header("Content-Type", "text/plain; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofByteArray(report)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode jiangxi = null;
            for (JsonNode row : aggregates(url("AGGREGATE"))) {
                if ("江西省".equals(row.path("province").asText()) && row.path("reportYear").asInt() == 2012) jiangxi = row;
            }
            assertThat(jiangxi).as("江西省 2012 in the aggregates").isNotNull();
            assertThat(jiangxi.path("reports").asInt()).isEqualTo(1);
        });
    }

    /**
     * A second aggregate-service instance joins: the partitions (and their state) are split between the
     * two, and each instance still answers with every province, the other's part fetched over HTTP.
     * When the second leaves, the first restores its part from the changelog and the numbers stay the same.
     */
    @Test
    void twoAggregateInstancesAnswerTheSameAndSurviveALeave() throws Exception {
        for (String sample : List.of("000_b7e468c868dd9816.txt", "002_1d0c304c5194360b.txt", "003_168a611abdf0e580.txt")) {
            byte[] report = Files.readAllBytes(project.resolve("samples").resolve(sample));
            HTTP.send(HttpRequest.newBuilder(URI.create(url("INGEST") + "/api/reports"))
                    .header("Content-Type", "text/plain; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofByteArray(report)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        String first = url("AGGREGATE");
        Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> totalReports(first) >= 3 && provinces(first).contains("宁夏回族自治区"));
        String before = normalised(first);

        int port = freePort();
        Path log = home.resolve("logs").resolve("aggregate-2.log");
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx384m", "--enable-native-access=ALL-UNNAMED",
                "-jar", project.resolve("aggregate-service/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ENV.get("NIANBAO_KAFKA_PORT"));
        pb.environment().put("NIANBAO_REGISTRY_URL", "http://127.0.0.1:" + ENV.get("NIANBAO_REGISTRY_PORT"));
        pb.environment().put("NIANBAO_AGGREGATE_PORT", Integer.toString(port));
        pb.environment().put("NIANBAO_STATE_DIR", home.resolve("aggregate-2-state").toString());
        Process second = pb.start();
        try {
            String other = "http://127.0.0.1:" + port;
            // both answer in full once the group has settled with two members
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() ->
                    before.equals(normalised(other)) && before.equals(normalised(first))
                    && localReports(first) + localReports(other) == totalReports(first));
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) second.destroyForcibly();
        }
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> before.equals(normalised(first)));
    }

    private static JsonNode aggregates(String base) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/aggregates")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private static long totalReports(String base) throws Exception {
        long n = 0;
        for (JsonNode row : aggregates(base)) n += row.path("reports").asLong();
        return n;
    }

    private static List<String> provinces(String base) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode row : aggregates(base)) out.add(row.path("province").asText());
        return out;
    }

    /** The aggregates without their update times, comparable between instances. */
    private static String normalised(String base) throws Exception {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : aggregates(base)) rows.add(row.toString());
        java.util.Collections.sort(rows);
        return String.join("\n", rows);
    }

    /** The reports in this instance's own partitions: the two instances' parts add up to the whole. */
    private static long localReports(String base) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/aggregates/local")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
        long local = 0;
        for (JsonNode row : JSON.readTree(r.body())) local += row.path("reports").asLong();
        return local;
    }

    @Test
    void theCommandLineIngestsAFolderAndWatchesTheIssues() throws Exception {
        Path folder = Files.createTempDirectory("nianbao-ingest");
        Files.copy(project.resolve("samples").resolve("001_22f1b762bef24d9e.txt"), folder.resolve("001.txt"));
        Files.write(folder.resolve("empty.txt"), new byte[0]);
        Run ingest = nianbao("ingest", "--quiet", folder.toString());
        assertThat(ingest.exit()).as(ingest.output()).isEqualTo(1);
        assertThat(ingest.output()).containsPattern("sent [01], duplicates [01], rejected 1").contains("empty.txt").contains("empty");

        // 002's two APP_BALANCE errors come out of validation.issues, filtered by the headers
        byte[] report = Files.readAllBytes(project.resolve("samples").resolve("002_1d0c304c5194360b.txt"));
        HTTP.send(HttpRequest.newBuilder(URI.create(url("INGEST") + "/api/reports")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(report)).build(), HttpResponse.BodyHandlers.ofString());
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            Run watch = nianbao("watch", "issues", "--from-beginning", "--until-idle", "--severity", "error", "--issuer", "安源区人民政府");
            return watch.exit() == 0 && watch.output().lines().filter(l -> l.startsWith("RAISED") && l.contains("APP_BALANCE")).count() == 2;
        });
    }

    @Test
    void upTwiceSaysItIsAlreadyUpInsteadOfStartingTwins() throws Exception {
        Run again = nianbao("up");
        assertThat(again.exit()).isZero();
        assertThat(again.output()).contains("already up");
    }

    private static String url(String service) {
        return "http://127.0.0.1:" + ENV.get("NIANBAO_" + service + "_PORT");
    }

    record Run(int exit, String output) {
    }

    private static Run nianbao(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("nianbao").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().putAll(ENV);
        Path log = Files.createTempFile("nianbao-e2e", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("./nianbao " + String.join(" ", args) + " did not finish: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("./nianbao " + String.join(" ", args) + "\n" + output);
        return new Run(p.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
