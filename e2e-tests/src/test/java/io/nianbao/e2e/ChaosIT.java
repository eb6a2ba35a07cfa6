package io.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A smaller run of ./nianbao chaos (issue 9, item 7): 300 generated reports, corrections and cross-year
 * pairs among them, through a stack of its own (its own state folder and free ports) while parse,
 * validate and aggregate are each killed once with SIGKILL and the broker is restarted once. It fails
 * when anything is lost, doubled or dead-lettered: the aggregates must equal the local recomputation from
 * the latest version of each report, every finding must be raised once and withdrawn once where a
 * correction removed it, and no dead letter may be written (every post is a valid report). The run stops its stack itself; {@link #stop} stops it again should the run have been cut off.
 * {@code -Dnianbao.chaos.args=…} on the Maven command line adds options to the run (e.g. {@code --no-moves}).
 */
class ChaosIT {

    private static final Path PROJECT = Path.of(System.getProperty("nianbao.project.dir", "..")).toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target", "chaos-home").toAbsolutePath();

    @Test
    void nothingIsLostOrDoubledWhenEveryServiceIsKilledAndTheBrokerRestarts() throws Exception {
        deleteRecursively(HOME);
        List<String> args = new ArrayList<>(List.of("chaos", "--reports", "300", "--kills", "1", "--busy-wait", "30",
                "--quiet-seconds", "60", "--settle-timeout", "240"));
        // e.g. -Dnianbao.chaos.args=--no-moves: corrections that keep the report's year and place only
        for (String extra : System.getProperty("nianbao.chaos.args", "").trim().split("\\s+")) if (!extra.isEmpty()) args.add(extra);
        Run run = nianbao(9, args.toArray(String[]::new));
        assertThat(run.output()).contains("chaos summary").contains("kills             3 of 3 SIGKILLs done").contains("broker restart    1 of 1 done");
        try (var pids = Files.list(HOME.resolve("run"))) {
            assertThat(pids.toList()).as("the run stopped its stack").isEmpty();
        }
        assertThat(run.output()).as(run.output()).contains("PASS: nothing lost or doubled");
        assertThat(run.exit()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (Files.isDirectory(HOME.resolve("run"))) nianbao(2, "stop");
    }

    record Run(int exit, String output) {
    }

    private static Run nianbao(int minutes, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", PROJECT.resolve("nianbao").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        pb.environment().put("NIANBAO_SKIP_BUILD", "1");
        pb.environment().put("NIANBAO_CHAOS_HOME", HOME.toString()); // chaos: the stack's folder
        pb.environment().put("NIANBAO_HOME", HOME.toString()); // stop: the same stack
        Path log = Files.createTempFile("nianbao-chaos", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("./nianbao " + String.join(" ", args) + " did not finish in " + minutes + " minutes: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("./nianbao " + String.join(" ", args) + "\n" + output);
        return new Run(p.exitValue(), output);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
