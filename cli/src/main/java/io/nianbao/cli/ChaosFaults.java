package io.nianbao.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The faults of a chaos run: SIGKILL of a service's process, read from the PID file the launcher writes
 * ({@code $NIANBAO_HOME/run/NAME.pid}, checked against the process's command line as the launcher does),
 * and restarts through the launcher's own start functions ({@code nianbao _restart NAME}, in the stack's
 * environment, which this process inherits).
 */
final class ChaosFaults {

    /** One fault to inject once the given number of posts is sent. */
    record Action(String component, int atPost) {

        boolean broker() {
            return component.equals("kafka");
        }
    }

    /** What happened. */
    record Done(Action action, long pid, double atSeconds, double restartSeconds, String problem) {
    }

    static final List<String> SERVICES = List.of("parse", "validate", "aggregate");

    private final Path home;
    private final Path script;

    ChaosFaults(Path home, Path script) {
        this.home = home;
        this.script = script;
    }

    /**
     * K kills of each processing service, in turn, and the broker restarts, spread evenly over the posts
     * (none at the very start or end); the broker restarts at the middle.
     */
    static List<Action> schedule(int posts, int kills, int brokerRestarts) {
        List<String> order = new ArrayList<>();
        for (int k = 0; k < kills; k++) order.addAll(SERVICES);
        int kills3 = order.size();
        for (int b = brokerRestarts - 1; b >= 0; b--) order.add((b + 1) * kills3 / (brokerRestarts + 1), "kafka");
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) out.add(new Action(order.get(i), (int) Math.round((i + 1) * (double) posts / (order.size() + 1))));
        return out;
    }

    /** The process of a component from its PID file, when it is running and is that component. */
    long pid(String component) throws IOException {
        return pid(home, component);
    }

    /** {@link #pid(String)} of the stack whose state folder is {@code home}. */
    static long pid(Path home, String component) throws IOException {
        Path file = home.resolve("run").resolve(component + ".pid");
        if (!Files.exists(file)) throw new IOException("no PID file " + file);
        long pid = Long.parseLong(Files.readString(file).strip());
        String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.ISO_8859_1).replace('\0', ' ');
        String marker = component.equals("kafka") ? "kafka.Kafka" : component + "-service";
        if (!cmdline.contains(marker)) throw new IOException("process " + pid + " of " + file + " is not " + component + " (" + marker + " not in its command line)");
        return pid;
    }

    /** SIGKILL (ProcessHandle.destroyForcibly is SIGKILL on Linux), waiting until the process is gone. */
    long kill(String component) throws Exception {
        long pid = pid(component);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IOException("process " + pid + " is gone"));
        if (!process.destroyForcibly()) throw new IOException("SIGKILL of " + pid + " was not delivered");
        process.onExit().get(30, TimeUnit.SECONDS);
        return pid;
    }

    /**
     * The launcher's restart: a service started with its start function and waited for until ready; the
     * broker stopped (SIGTERM, as ./nianbao stop does) and started again. Its output goes to the stack's log folder.
     */
    void restart(String component) throws Exception {
        Path log = home.resolve("logs").resolve("chaos-restarts.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder("bash", script.toString(), "_restart", component).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("./nianbao _restart " + component + " did not finish in 5 minutes (log: " + log + ")");
        }
        if (p.exitValue() != 0) throw new IOException("./nianbao _restart " + component + " failed with exit " + p.exitValue() + " (log: " + log + ")");
    }
}
