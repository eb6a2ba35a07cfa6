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
