package io.nianbao.cli;

import io.nianbao.contracts.KafkaClientSecurity;
import io.nianbao.contracts.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What each processing stage of the local stack carries alone: parse, validate and aggregate are paused
 * (SIGSTOP) while N generated reports are posted, then resumed one at a time, each draining what piled up
 * for it with the machine's cores to itself. The pipeline bench says how fast the stages go together; this
 * says which one bounds them, and what each costs a report when nothing else competes for the cores.
 */
@Command(name = "bench-stages", mixinStandardHelpOptions = true, description = {
        "Each stage of the running local stack alone: parse, validate and aggregate are paused (SIGSTOP) while N generated",
        "reports are posted to ingest, then resumed one at a time (SIGCONT); for each, reports/s while it drains its input alone",
        "and its CPU a report (the broker's beside it). Every paused service is resumed at the end, also on failure or Ctrl-C."})
final class StagesBenchCommand implements Callable<Integer> {

    @Option(names = "--reports", defaultValue = "5000", description = "reports posted (default: ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--connections", defaultValue = "16", description = "concurrent connections to ingest (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--timeout", defaultValue = "300", description = "seconds each stage may take to drain (default: ${DEFAULT-VALUE})")
    int timeout;

    @Mixin
    StackOptions.Stack stack;

    @Option(names = "--home", defaultValue = "${env:NIANBAO_HOME:-.nianbao}", description = "the stack's state folder, for its PID files (default: ${DEFAULT-VALUE})")
    Path home;

    /**
     * A stage: the service, the consumer group it reads with, the topic it reads, what it writes. A Kafka
     * Streams stage ({@code countsOutput} false) has started when its group commits on its source and has drained
     * when its group has committed every partition it reads (its source and its own repartitions) up to the end;
     * parse commits only every few seconds, so it has started at its first output and drained when it has written
     * one record per report posted (parsed or dead-lettered).
     */
    record Stage(String service, String group, String source, List<String> outputs, boolean countsOutput) {
    }

    static final List<Stage> STAGES = List.of(
            new Stage("parse", "nianbao-parse", Topics.RAW.name(), List.of(Topics.PARSED.name(), Topics.PARSE_FAILED.name()), true),
            new Stage("validate", "nianbao-validate", Topics.PARSED.name(), List.of(Topics.VALIDATED.name()), false),
            new Stage("aggregate", "nianbao-aggregate", Topics.VALIDATED.name(), List.of(Topics.AGGREGATES.name()), false));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        if (reports < 1 || connections < 1) {
            System.err.println("--reports and --connections must be at least 1");
            return 2;
        }
        Map<String, String> pids = new java.util.LinkedHashMap<>();
        for (String component : List.of("kafka", "ingest", "parse", "validate", "aggregate")) {
            try {
                // checked against the process's command line: a stale PID file never pauses another process
                pids.put(component, Long.toString(ChaosFaults.pid(home, component)));
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println(component + " is not running from " + home + " (" + e.getMessage() + "; start the stack with ./nianbao up): this bench pauses the local stack's own processes");
                return 3;
            }
        }
        List<byte[]> payloads = PipelineBenchCommand.bytes(PipelineBenchCommand.reports(reports, (int) ((System.currentTimeMillis() / 1000) % 100_000), 0,
                PipelineBenchCommand.Tables.CONSISTENT));
        List<String> toPause = STAGES.stream().map(s -> pids.get(s.service())).toList();
        System.out.printf("nianbao bench stages: %d reports; pausing parse, validate and aggregate (if this process is killed: kill -CONT %s)%n",
                reports, String.join(" ", toPause));
        Thread resumeOnExit = new Thread(this::resumeAll);
        Runtime.getRuntime().addShutdownHook(resumeOnExit);
        try (Admin admin = Admin.create(KafkaClientSecurity.applyTo(new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000))))) {
            // what piled up before would be counted as this run's
            for (Stage stage : STAGES) {
                long lag = lag(admin, stage);
                if (lag > 0) {
                    System.err.println(stage.service() + " still has " + lag + " records to read: run this when the stack is idle");
                    return 3;
                }
            }
            synchronized (this) {
                if (finished) return 1; // Ctrl-C before anything was paused
                this.paused = toPause; // resumed at the end whatever part of them the signal reached
                if (!signal("STOP", toPause)) {
                    System.err.println("could not pause every stage: nothing measured");
                    return 1;
                }
            }
            Map<String, Long> cpu = cpu(pids);
            long start = System.nanoTime();
            int accepted = post(payloads);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> perReport = PipelineBenchCommand.cpuPerReport(cpu, cpu(pids), accepted);
            System.out.printf("  %-10s %7.0f reports/s  (%d of %d accepted in %.1f s; CPU ms a report: ingest %.2f, kafka %.2f, this bench %.2f)%n", "ingest",
                    accepted / seconds, accepted, payloads.size(), seconds, perReport.getOrDefault("ingest", 0.0), perReport.getOrDefault("kafka", 0.0),
                    perReport.getOrDefault(PipelineBenchCommand.BENCH, 0.0));
            if (accepted < payloads.size()) {
                System.out.println("  not every report was accepted: the stages would be measured on fewer; stopping here");
                return 1;
            }
            for (Stage stage : STAGES) {
                if (!drain(admin, stage, pids, accepted)) return 1;
            }
            return 0;
        } finally {
            resumeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(resumeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran, and found them resumed
            }
        }
    }

    /** The services this run paused (none yet: empty). */
    private List<String> paused = List.of();
    private boolean finished;

    /** Resumes whatever this run paused, once: from the end of the run or the shutdown hook, whichever comes first. */
    private synchronized void resumeAll() {
        if (finished) return;
        finished = true;
        if (!paused.isEmpty()) signal("CONT", paused);
    }

    /** Resumes one stage, waits for it to start and then to drain; prints what it did alone. */
    private boolean drain(Admin admin, Stage stage, Map<String, String> pids, int posted) throws Exception {
        long outputBefore = endOffsets(admin, stage.outputs());
        long sourceBefore = committed(admin, stage);
        long resumed = System.nanoTime();
        if (!signal("CONT", List.of(pids.get(stage.service())))) return false;
        long deadline = resumed + TimeUnit.SECONDS.toNanos(timeout);
        // from its first work on: rejoining its group after the pause (the session times out in a long one) and
        // restoring its state are not what it carries
        boolean started = stage.countsOutput()
                ? await(() -> endOffsets(admin, stage.outputs()), n -> n > outputBefore, deadline)
                : await(() -> committed(admin, stage), n -> n > sourceBefore, deadline);
        if (!started) return timedOut(stage, "did nothing");
        long first = System.nanoTime();
        Map<String, Long> cpu = cpu(pids);
        boolean drained = stage.countsOutput()
                ? await(() -> endOffsets(admin, stage.outputs()), n -> n - outputBefore >= posted, deadline)
                : await(() -> lag(admin, stage), lag -> lag == 0, deadline);
        if (!drained) return timedOut(stage, "did not drain");
        long done = System.nanoTime();
        Map<String, Double> perReport = PipelineBenchCommand.cpuPerReport(cpu, cpu(pids), posted);
        System.out.printf("  %-10s %7.0f reports/s  (drained in %.1f s, starting %.1f s after it resumed; CPU ms a report: %s %.2f, kafka %.2f)%n",
                stage.service(), posted / ((done - first) / 1e9), (done - first) / 1e9, (first - resumed) / 1e9, stage.service(),
                perReport.getOrDefault(stage.service(), 0.0), perReport.getOrDefault("kafka", 0.0));
        return true;
    }

    private boolean timedOut(Stage stage, String what) {
        System.out.printf("  %-10s %s within %d s of resuming (see ./nianbao logs %s)%n", stage.service(), what, timeout, stage.service());
        return false;
    }

    interface Reading {
        long read() throws Exception;
    }

    /** Polls every 50 ms until the reading satisfies {@code done}; false at the deadline. */
    private static boolean await(Reading reading, LongPredicate done, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            if (done.test(reading.read())) return true;
            Thread.sleep(50);
        }
        return false;
    }

    /** The sum of the topics' end offsets. */
    private static long endOffsets(Admin admin, List<String> topics) throws Exception {
        return offsets(admin, partitions(admin, topics), OffsetSpec.latest()).values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<TopicPartition> partitions(Admin admin, Collection<String> topics) throws Exception {
        List<TopicPartition> out = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> out.add(new TopicPartition(topic, p.partition()))));
        return out;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
        partitions.forEach(p -> specs.put(p, spec));
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        admin.listOffsets(specs).all().get().forEach((p, info) -> out.put(p, info.offset()));
        return out;
    }

    /** The sum of the group's committed offsets on the stage's source. */
    private static long committed(Admin admin, Stage stage) throws Exception {
        return admin.listConsumerGroupOffsets(stage.group()).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(stage.source()) && e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
    }

    /** How far the group is behind on every partition it reads: its source and its own repartitions ({@link #readTopics}). */
    private static long lag(Admin admin, Stage stage) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.group()).partitionsToOffsetAndMetadata().get();
        List<TopicPartition> read = partitions(admin, readTopics(stage, admin.listTopics().names().get()));
        return lag(committed, offsets(admin, read, OffsetSpec.latest()), offsets(admin, read, OffsetSpec.earliest()));
    }

    /** The topics a stage reads: its source and, for a Kafka Streams stage, the repartitions its application writes for itself. */
    static List<String> readTopics(Stage stage, Collection<String> topics) {
        List<String> out = new ArrayList<>(List.of(stage.source()));
        topics.stream().filter(t -> t.startsWith(stage.group() + "-") && t.endsWith("-repartition")).sorted().forEach(out::add);
        return out;
    }

    /**
     * The records between each partition's committed offset and its end; a partition the group has not committed
     * yet counts from its first record still there (a repartition's are deleted once read).
     */
    static long lag(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            long from = at != null ? at.offset() : starts.getOrDefault(e.getKey(), 0L);
            lag += Math.max(0, e.getValue() - from);
        }
        return lag;
    }

    private static Map<String, Long> cpu(Map<String, String> pids) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                out.put(name, PipelineBenchCommand.procCpuNanos(Files.readString(Path.of("/proc", pid, "stat"))));
            } catch (java.io.IOException | RuntimeException e) {
                // gone: left out
            }
        });
        out.put(PipelineBenchCommand.BENCH, PipelineBenchCommand.ownCpuNanos());
        return out;
    }

    /** kill -SIGNAL PID...: the JDK can end a process, not pause or resume one. False when it did not work. */
    private static boolean signal(String signal, List<String> pids) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) System.err.println(String.join(" ", command) + " exited with " + exit);
            return exit == 0;
        } catch (java.io.IOException e) {
            System.err.println(String.join(" ", command) + " failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Posts every payload to ingest over {@code connections} connections; the number it accepted (202). */
    private int post(List<byte[]> payloads) throws Exception {
        Semaphore open = new Semaphore(connections);
        AtomicInteger accepted = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> inFlight = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            open.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/reports?fileName=stages-" + i + ".txt"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/plain; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payloads.get(i))).build();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, failure) -> {
                open.release();
                if (failure == null && r.statusCode() == 202) accepted.incrementAndGet();
                else problems.add(failure != null ? failure.toString() : "HTTP " + r.statusCode() + " " + r.body());
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((ok, e) -> null).get();
        problems.stream().distinct().limit(3).forEach(p -> System.out.println("        " + p));
        return accepted.get();
    }
}
