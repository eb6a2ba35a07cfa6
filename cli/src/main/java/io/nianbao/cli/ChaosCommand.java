package io.nianbao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.contracts.Topics;
import io.nianbao.core.json.ReportJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 9, item 7: streams N generated reports (corrections and cross-year pairs among them) through a
 * stack while each processing service is killed with SIGKILL K times and restarted, and the broker is
 * restarted once; then waits for the pipeline to settle and checks that nothing was lost or doubled: the
 * aggregates equal a recomputation from the latest version of each report, and every finding was raised
 * exactly once on validation.issues (read_committed), and withdrawn exactly once where a correction
 * removed it; and that no dead letter was written during the run (every post is a valid report, so one
 * would be a fault taken for a bad record). {@code ./nianbao chaos} runs it against a fresh stack of its own.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, description = {
        "Stream N generated reports (corrections and cross-year pairs among them) through the stack while killing parse, validate and",
        "aggregate with SIGKILL K times each and restarting the broker once; then check the aggregates against a local recomputation",
        "and that every finding was raised once (and withdrawn once where a correction removed it) and no dead letter was written.",
        "Exit 1 when anything is lost, doubled or dead-lettered.",
        "./nianbao chaos runs it on a fresh stack of its own (the kills need the stack's PID files and the launcher: --home, --script)."})
final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--reports", defaultValue = "10000", description = "posts in all, corrections and pairs included (default: ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--kills", defaultValue = "5", description = "SIGKILLs of each of parse, validate and aggregate (default: ${DEFAULT-VALUE})")
    int kills;

    @Option(names = "--broker-restarts", defaultValue = "1", description = "restarts of the Kafka broker (default: ${DEFAULT-VALUE})")
    int brokerRestarts;

    @Option(names = "--connections", defaultValue = "8", description = "concurrent connections to ingest (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--seed", defaultValue = "1", description = "the plan's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--settle-timeout", defaultValue = "900", description = "seconds to wait for the pipeline to settle after the last post (default: ${DEFAULT-VALUE})")
    int settleTimeout;

    @Option(names = "--quiet-seconds", defaultValue = "120", description = "give up settling when nothing has moved for this long (default: ${DEFAULT-VALUE})")
    int quietSeconds;

    @Option(names = "--busy-wait", defaultValue = "120", description = {"before each fault, wait up to this many seconds for reports.validated to grow",
            "since the last one, so faults hit a moving pipeline (default: ${DEFAULT-VALUE}; 0: faults at their moments regardless)"})
    int busyWait;

    @Option(names = "--no-moves", description = {"corrections only fix or add an error, never move the report's year or place",
            "(to measure fault tolerance apart from a correction replacing a report whose identity changed)"})
    boolean noMoves;

    @Mixin
    StackOptions.Stack stack;

    @Option(names = "--home", required = true, description = "the stack's state folder (its PID files are in run/)")
    Path home;

    @Option(names = "--script", required = true, description = "the nianbao launcher, whose _restart NAME restarts a component")
    Path script;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<ChaosFaults.Done> faults = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger faultsDone = new AtomicInteger();
    private final AtomicLong lastFaultEnd = new AtomicLong();
    private long start;

    @Override
    public Integer call() throws Exception {
        if (reports < 2 || kills < 0 || brokerRestarts < 0 || connections < 1) {
            System.err.println("--reports must be at least 2, --kills and --broker-restarts at least 0, --connections at least 1");
            return 2;
        }
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        int tag = (int) ((System.currentTimeMillis() / 1000) % 100_000);
        start = System.nanoTime();
        ChaosPlan plan = ChaosPlan.of(reports, tag, seed, !noMoves);
        System.out.printf("nianbao chaos: %d posts (%d single reports, %d corrected with their %d corrections, %d cross-year pairs), tag %d, seed %d; "
                        + "%d SIGKILLs of each of %s, %d broker restart(s); generated in %.1f s; load average %s%n",
                plan.posts.size(), plan.count(ChaosPlan.Kind.SINGLE), plan.count(ChaosPlan.Kind.ORIGINAL), plan.count(ChaosPlan.Kind.CORRECTION),
                plan.count(ChaosPlan.Kind.PAIR_FIRST), tag, seed, kills, String.join(", ", ChaosFaults.SERVICES), brokerRestarts,
                seconds(), loadAverage());
        ChaosFaults chaos = new ChaosFaults(home, script);
        for (String c : ChaosFaults.SERVICES) {
            try {
                chaos.pid(c);
            } catch (Exception e) {
                System.err.println("cannot kill " + c + ": " + e.getMessage() + " (run through ./nianbao chaos, or point --home at the stack's folder)");
                return 3;
            }
        }
        List<ChaosFaults.Action> schedule = ChaosFaults.schedule(plan.posts.size(), kills, brokerRestarts);
        // the expectation before anything is sent (ingest's id is a hash of the bytes), so the settle time is the pipeline's alone
        List<ChaosExpectation.Accepted> planned = plan.posts.stream().map(p -> new ChaosExpectation.Accepted(p, contentId(p.body()))).toList();
        long computeStart = System.nanoTime();
        ChaosExpectation expected = ChaosExpectation.of(planned);
        System.out.printf("[check] recomputed locally in %.1f s: %d latest reports, %d findings in the final state, %d withdrawn by corrections%s%s%n",
                (System.nanoTime() - computeStart) / 1e9, expected.latestReports, expected.finalFindings, expected.withdrawnFindings,
                expected.reRaised == 0 ? "" : ", " + expected.reRaised + " raised again with other content",
                expected.orderIndependent ? "" : "; WARNING: the local ledger's final state depends on the order");

        // every post is a valid report: a dead letter written during the run is a fault taken for a bad record
        io.nianbao.contracts.DeadLetterStore deadLetterStore = new io.nianbao.contracts.DeadLetterStore(stack.bootstrap(), io.nianbao.contracts.TopicSettings.fromEnvironment());
        Set<String> deadLettersBefore = new java.util.HashSet<>();
        try {
            deadLetterStore.list(Topics.DEAD_LETTER_TOPICS).forEach(l -> deadLettersBefore.add(l.position()));
        } catch (RuntimeException e) {
            System.err.println("cannot read the dead-letter topics before the run: " + e.getMessage());
            return 3;
        }
        List<ChaosExpectation.Accepted> accepted;
        Map<String, int[]> observedFindings;
        JsonNode served = null;
        String settle;
        boolean settled = false;
        List<String> aggregateDiff = List.of("not compared");
        ChaosExpectation.FindingsCheck findings = null;
        // accepted reports of which no version was seen on reports.validated: where to start reading logs after a FAIL
        List<ChaosExpectation.Accepted> unseen = List.of();
        try (Watcher watcher = new Watcher(stack.bootstrap(), stack.registry())) {
            ExecutorService faultThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "chaos-faults"));
            Sender sender = new Sender(plan, watcher, schedule);
            Future<?> faultsRun = faultThread.submit(() -> runFaults(chaos, schedule, sender, watcher));
            Thread progress = new Thread(() -> progress(plan, watcher, schedule, sender), "chaos-progress");
            progress.setDaemon(true);
            progress.start();
            accepted = sender.run();
            faultsRun.get();
            faultThread.shutdown();
            sender.finished.set(true);
            long settleFrom = System.nanoTime(); // the last post answered and the last fault over
            double sendSeconds = seconds();
            System.out.printf("[send]  done in %.1f s: %d posted (%d accepted, %d rejected, %d retries), %d faults injected%n", sendSeconds,
                    sent.get(), accepted.size(), rejected.get(), retries.get(), faults.size());

            if (!sameReports(planned, accepted)) { // a post rejected, or an id other than the hash of its bytes: from what was accepted
                System.out.println("[check] not every post was accepted as planned: recomputing from the accepted ones");
                expected = ChaosExpectation.of(accepted);
            }

            // settle: until the served state equals the expectation, or nothing has moved for quietSeconds
            long deadline = settleFrom + TimeUnit.SECONDS.toNanos(settleTimeout);
            String lastState = "";
            long lastMove = System.nanoTime();
            long nextLine = 0;
            while (true) {
                try {
                    served = null;
                    served = aggregates();
                    aggregateDiff = ChaosExpectation.compareAggregates(expected.aggregates, served);
                } catch (Exception e) {
                    aggregateDiff = List.of("GET /api/aggregates failed: " + e.getMessage());
                }
                observedFindings = watcher.findings();
                findings = ChaosExpectation.compareFindings(expected.findings, observedFindings);
                long now = System.nanoTime();
                if (aggregateDiff.isEmpty() && findings.ok()) {
                    settled = true;
                    break;
                }
                String state = (served == null ? "" : served.toString().hashCode()) + "/" + watcher.validatedRecords.get() + "/" + watcher.issueRecords.get();
                if (!state.equals(lastState)) {
                    lastState = state;
                    lastMove = now;
                }
                if (now > deadline || now - lastMove > TimeUnit.SECONDS.toNanos(quietSeconds)) break;
                if (now > nextLine) {
                    boolean answered = served != null && !(aggregateDiff.size() == 1 && aggregateDiff.get(0).startsWith("GET "));
                    System.out.printf("[settle] %.0f s: validated %d of %d accepted; %s; findings %d of %d as expected%n",
                            (now - settleFrom) / 1e9, watcher.seenCount(accepted), accepted.size(),
                            answered ? aggregateDiff.size() + " aggregate cells differ" : "aggregate-service does not answer (" + aggregateDiff.get(0) + ")",
                            findings.raisedOnce() - findings.withdrawalsMissing(), findings.expected());
                    nextLine = now + TimeUnit.SECONDS.toNanos(10);
                }
                Thread.sleep(2000);
            }
            unseen = accepted.stream().filter(x -> !watcher.validated(x.reportId())).toList();
            double settleSeconds = (System.nanoTime() - settleFrom) / 1e9;
            settle = settled ? String.format("%.1f s after the last post and fault", settleSeconds)
                    : String.format("NOT SETTLED: gave up after %.1f s (%s)", settleSeconds,
                    System.nanoTime() > deadline ? "--settle-timeout" : "nothing moved for " + quietSeconds + " s");
        }

        // ---- summary ----
        System.out.println();
        System.out.println("chaos summary");
        System.out.printf("  reports sent      %d posts: %d single, %d originals and %d corrections (%s), %d cross-year pairs; %d accepted, %d rejected, %d retried%n",
                sent.get(), plan.count(ChaosPlan.Kind.SINGLE), plan.count(ChaosPlan.Kind.ORIGINAL), plan.count(ChaosPlan.Kind.CORRECTION), changes(plan),
                plan.count(ChaosPlan.Kind.PAIR_FIRST), accepted.size(), rejected.get(), retries.get());
        Map<String, Integer> byComponent = new java.util.LinkedHashMap<>();
        List<String> faultProblems = new ArrayList<>();
        for (ChaosFaults.Done d : faults) {
            if (d.problem() == null) byComponent.merge(d.action().component(), 1, Integer::sum);
            else faultProblems.add(d.action().component() + ": " + d.problem());
        }
        int killsDone = byComponent.entrySet().stream().filter(e -> !e.getKey().equals("kafka")).mapToInt(Map.Entry::getValue).sum();
        System.out.printf("  kills             %d of %d SIGKILLs done (%s)%n", killsDone, kills * ChaosFaults.SERVICES.size(),
                ChaosFaults.SERVICES.stream().map(s -> s + " " + byComponent.getOrDefault(s, 0)).reduce((a, b) -> a + ", " + b).orElse(""));
        System.out.printf("  broker restart    %d of %d done%n", byComponent.getOrDefault("kafka", 0), brokerRestarts);
        faultProblems.forEach(p -> System.out.println("                    FAILED " + p));
        System.out.printf("  settle time       %s%n", settle);
        if (aggregateDiff.isEmpty()) {
            System.out.printf("  aggregates        equal (%d buckets, %d reports)%n", ChaosExpectation.buckets(expected.aggregates).size(), expected.latestReports);
        } else {
            List<String> buckets = ChaosExpectation.byBucket(aggregateDiff);
            System.out.printf("  aggregates        DIFFER: %d of %d buckets, %d cells%n", buckets.size(), ChaosExpectation.buckets(expected.aggregates).size(),
                    aggregateDiff.size());
            buckets.stream().limit(40).forEach(d -> System.out.println("                    " + d));
            if (buckets.size() > 40) System.out.println("                    … and " + (buckets.size() - 40) + " more buckets");
        }
        System.out.printf("  findings          %d expected (%d in the final state, %d withdrawn by a correction): raised once %d, doubled %d, missing %d; "
                        + "withdrawn once %d of %d, withdrawal missing %d, withdrawn though in the final state %d; unexpected %d%n",
                findings.expected(), expected.finalFindings, expected.withdrawnFindings, findings.raisedOnce(), findings.doubled(), findings.missing(),
                findings.withdrawnOnce(), findings.withdrawnExpected(), findings.withdrawalsMissing(), findings.wronglyWithdrawn(), findings.unexpected());
        findings.examples().forEach(e -> System.out.println("                    " + e));
        List<String> newDeadLetters = new ArrayList<>();
        try {
            newDeadLetters.addAll(writtenSince(deadLettersBefore, deadLetterStore.list(Topics.DEAD_LETTER_TOPICS)));
            System.out.printf("  dead letters      %s%n", newDeadLetters.isEmpty() ? "none written during the run"
                    : newDeadLetters.size() + " written during the run, though every post is a valid report:");
        } catch (RuntimeException e) {
            newDeadLetters.add("the dead-letter topics could not be read: " + e);
            System.out.println("  dead letters      NOT CHECKED:");
        }
        newDeadLetters.stream().limit(10).forEach(d -> System.out.println("                    " + d.substring(0, Math.min(d.length(), 400))));
        if (newDeadLetters.size() > 10) System.out.println("                    … and " + (newDeadLetters.size() - 10) + " more");
        problems.stream().distinct().limit(5).forEach(p -> System.out.println("  problem           " + p));
        boolean ok = settled && aggregateDiff.isEmpty() && findings.ok() && rejected.get() == 0 && faultProblems.isEmpty() && newDeadLetters.isEmpty();
        if (!ok && !unseen.isEmpty()) {
            // an original that its correction overtook on the way is taken as superseded and may rightly be among them
            System.out.printf("  never validated   %d accepted reports never came to reports.validated, e.g.:%n", unseen.size());
            unseen.stream().limit(10).forEach(x -> System.out.printf("                    post %d (%s) report %s, %s%n", x.post().index(),
                    x.post().kind().name().toLowerCase(java.util.Locale.ROOT), x.reportId(), x.post().sourceUrl()));
        }
        System.out.printf("  result            %s (in %.0f s; load average %s)%n", ok ? "PASS: nothing lost or doubled" : "FAIL: something was lost, doubled or dead-lettered", seconds(), loadAverage());
        return ok ? 0 : 1;
    }

    /** The dead letters not among those {@code before} (their positions), each as where it is, where it came from and why. */
    static List<String> writtenSince(Set<String> before, List<io.nianbao.contracts.DeadLetterStore.Letter> now) {
        return now.stream().filter(l -> !before.contains(l.position())).map(l -> l.position() + " (from " + l.source() + "): " + l.reason()).toList();
    }

    /** Ingest's report id: the first 16 bytes of the SHA-256 of the body, in hex. */
    static String contentId(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the same posts were accepted with the same ids (in any order: a correction always after its original). */
    private static boolean sameReports(List<ChaosExpectation.Accepted> planned, List<ChaosExpectation.Accepted> accepted) {
        Map<Integer, String> a = new HashMap<>();
        for (ChaosExpectation.Accepted x : accepted) a.put(x.post().index(), x.reportId());
        if (a.size() != planned.size()) return false;
        for (ChaosExpectation.Accepted x : planned) if (!x.reportId().equals(a.get(x.post().index()))) return false;
        return true;
    }

    private static String changes(ChaosPlan plan) {
        Map<ChaosPlan.Change, Integer> n = new java.util.EnumMap<>(ChaosPlan.Change.class);
        for (ChaosPlan.Post p : plan.posts) if (p.change() != null) n.merge(p.change(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        n.forEach((c, k) -> parts.add(k + " " + c.name().toLowerCase().replace('_', ' ')));
        return String.join(", ", parts);
    }

    // ---- faults -------------------------------------------------------------------------------------------

    private void runFaults(ChaosFaults chaos, List<ChaosFaults.Action> schedule, Sender sender, Watcher watcher) {
        long movedFrom = watcher.validatedRecords.get();
        for (ChaosFaults.Action a : schedule) {
            while (sent.get() < a.atPost() && !sender.finished.get()) sleep(100);
            // a fault while the pipeline is moving, not while the last restarted service still waits for its partitions
            // (a SIGKILLed consumer stays in its group until its session times out): reports.validated has grown since the last fault
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(busyWait);
            boolean waited = false;
            while (watcher.validatedRecords.get() <= movedFrom && System.nanoTime() < waitUntil) {
                waited = true;
                sleep(200);
            }
            if (waited && watcher.validatedRecords.get() <= movedFrom) {
                System.out.printf("[chaos] %.1f s: nothing reached reports.validated for %d s since the last fault; going on%n", seconds(), busyWait);
            }
            double at = seconds();
            long pid = -1;
            String problem = null;
            long t0 = System.nanoTime();
            try {
                if (a.broker()) {
                    pid = chaos.pid("kafka");
                    System.out.printf("[chaos] %.1f s: restarting the Kafka broker (pid %d) at %d of %d posts%n", at, pid, sent.get(), reports);
                } else {
                    pid = chaos.kill(a.component());
                    System.out.printf("[chaos] %.1f s: SIGKILL %s-service (pid %d) at %d of %d posts%n", at, a.component(), pid, sent.get(), reports);
                    sleep(1000 + (long) (Math.abs(pid * 7919L + seed) % 3000)); // down for 1–4 s before the restart
                }
                chaos.restart(a.component());
            } catch (Exception e) {
                problem = e.getMessage();
                System.out.printf("[chaos] %s: %s%n", a.component(), problem);
            }
            double restart = (System.nanoTime() - t0) / 1e9;
            if (problem == null) System.out.printf("[chaos] %.1f s: %s back (%.1f s after the %s)%n", seconds(), a.component(), restart, a.broker() ? "stop" : "kill");
            faults.add(new ChaosFaults.Done(a, pid, at, restart, problem));
            movedFrom = watcher.validatedRecords.get();
            faultsDone.incrementAndGet();
            lastFaultEnd.set(System.nanoTime());
        }
    }

    // ---- sending ------------------------------------------------------------------------------------------

    /** Posts the plan with C connections; a correction only once its original is on reports.validated. */
    private final class Sender {

        final ChaosPlan plan;
        final Watcher watcher;
        final List<ChaosFaults.Action> schedule;
        final AtomicBoolean finished = new AtomicBoolean();
        /** post index → report id, for every accepted post */
        final Map<Integer, String> ids = new ConcurrentHashMap<>();
        private final List<ChaosPlan.Post> waiting = new ArrayList<>();
        private final Map<Integer, Long> waitingSince = new HashMap<>();
        private int next;
        private int inFlight;
        final AtomicInteger waitingCount = new AtomicInteger();
        /** post indexes in the order they were accepted */
        final List<Integer> order = Collections.synchronizedList(new ArrayList<>());

        Sender(ChaosPlan plan, Watcher watcher, List<ChaosFaults.Action> schedule) {
            this.plan = plan;
            this.watcher = watcher;
            this.schedule = schedule;
        }

        List<ChaosExpectation.Accepted> run() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < connections; i++) workers.add(pool.submit(this::work));
            for (Future<?> w : workers) w.get();
            pool.shutdown();
            finished.set(true);
            List<ChaosExpectation.Accepted> out = new ArrayList<>();
            for (int index : order) out.add(new ChaosExpectation.Accepted(plan.posts.get(index), ids.get(index)));
            return out;
        }

        private Void work() {
            ChaosPlan.Post p;
            while ((p = take()) != null) {
                post(p);
                synchronized (this) {
                    inFlight--;
                }
            }
            return null;
        }

        /** The next post: a correction whose original is validated, else the next report; null when all are sent. */
        private ChaosPlan.Post take() {
            while (true) {
                // not past the next fault's moment until the one before it is done
                int gate = faultsDone.get() + 1 < schedule.size() ? schedule.get(faultsDone.get() + 1).atPost() : Integer.MAX_VALUE;
                if (sent.get() >= gate) {
                    sleep(50);
                    continue;
                }
                synchronized (this) {
                    long now = System.nanoTime();
                    for (int i = 0; i < waiting.size(); i++) {
                        ChaosPlan.Post c = waiting.get(i);
                        String originalId = ids.get(c.original());
                        boolean validated = originalId != null && watcher.validated(originalId);
                        boolean tooLong = now - waitingSince.get(c.index()) > TimeUnit.SECONDS.toNanos(settleTimeout) || watcher.stalled(Math.max(quietSeconds, 180));
                        if (validated || tooLong) {
                            if (!validated) problems.add("corrections were sent before their original was seen on reports.validated (nothing came to it for "
                                    + Math.max(quietSeconds, 180) + " s, or --settle-timeout was over)");
                            waiting.remove(i);
                            waitingCount.set(waiting.size());
                            inFlight++;
                            return c;
                        }
                    }
                    while (next < plan.posts.size() && plan.posts.get(next).kind() == ChaosPlan.Kind.CORRECTION) next++;
                    if (next < plan.posts.size()) {
                        inFlight++;
                        return plan.posts.get(next++);
                    }
                    if (waiting.isEmpty() && inFlight == 0) return null;
                }
                sleep(100);
            }
        }

        /** Until ingest answers 202 (or 200: those bytes were taken already); retried while the stack is down. */
        private void post(ChaosPlan.Post p) {
            String uri = stack.ingestUrl() + "/api/reports?sourceUrl=" + URLEncoder.encode(p.sourceUrl(), StandardCharsets.UTF_8) + "&fileName=" + p.fileName();
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (true) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "text/plain; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofByteArray(p.body())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 202 || r.statusCode() == 200) {
                        accepted(p, ReportJson.MAPPER.readTree(r.body()).path("id").asText());
                        return;
                    }
                    if (r.statusCode() < 500 && r.statusCode() != 429) {
                        rejected.incrementAndGet();
                        problems.add("post " + p.index() + " rejected: HTTP " + r.statusCode() + " " + r.body());
                        sent.incrementAndGet();
                        return;
                    }
                } catch (Exception e) {
                    // ingest or the broker is down: again
                }
                if (System.nanoTime() > giveUp) {
                    rejected.incrementAndGet();
                    problems.add("post " + p.index() + " not accepted in 10 minutes");
                    sent.incrementAndGet();
                    return;
                }
                retries.incrementAndGet();
                sleep(1000);
            }
        }

        private void accepted(ChaosPlan.Post p, String id) {
            synchronized (this) {
                ids.put(p.index(), id);
                order.add(p.index());
                if (p.kind() == ChaosPlan.Kind.ORIGINAL) {
                    ChaosPlan.Post correction = plan.posts.get(p.index() + 1);
                    waiting.add(correction);
                    waitingSince.put(correction.index(), System.nanoTime());
                    waitingCount.set(waiting.size());
                }
            }
            sent.incrementAndGet();
        }
    }

    private void progress(ChaosPlan plan, Watcher watcher, List<ChaosFaults.Action> schedule, Sender sender) {
        int lastSent = 0;
        long last = System.nanoTime();
        while (!sender.finished.get()) {
            sleep(5000);
            long now = System.nanoTime();
            int s = sent.get();
            System.out.printf("[send]  %.0f s: %d of %d posted (%.1f/s), %d retries; faults %d of %d; %d on reports.validated; %d corrections waiting for their original%n",
                    seconds(), s, plan.posts.size(), (s - lastSent) / ((now - last) / 1e9), retries.get(), faultsDone.get(), schedule.size(),
                    watcher.validatedIds.size(), sender.waitingCount.get());
            lastSent = s;
            last = now;
        }
    }

    // ---- reading the topics -------------------------------------------------------------------------------

    /** Follows reports.validated (the report ids on it) and validation.issues (RAISED/WITHDRAWN per finding) from the beginning, read_committed. */
    private static final class Watcher implements AutoCloseable {

        final Set<String> validatedIds = ConcurrentHashMap.newKeySet();
        private final Map<String, int[]> findings = new HashMap<>();
        final AtomicLong validatedRecords = new AtomicLong();
        private final AtomicLong lastValidated = new AtomicLong(System.nanoTime());
        final AtomicLong issueRecords = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final List<KafkaConsumer<String, Object>> consumers = new ArrayList<>();

        Watcher(String bootstrap, String registry) {
            follow(Topics.VALIDATED.name(), Topics.VALIDATED.consumerConfig(bootstrap, registry, "nianbao-chaos-" + UUID.randomUUID()), this::validated);
            follow(Topics.ISSUES.name(), Topics.ISSUES.consumerConfig(bootstrap, registry, "nianbao-chaos-" + UUID.randomUUID()), this::issue);
        }

        private void follow(String topic, Map<String, Object> config, java.util.function.Consumer<ConsumerRecord<String, Object>> each) {
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            consumers.add(consumer);
            Thread t = new Thread(() -> {
                try {
                    while (running.get()) {
                        try {
                            for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(500))) each.accept(r);
                        } catch (org.apache.kafka.common.errors.WakeupException e) {
                            throw e;
                        } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                            System.err.println("[watch] " + topic + ": a record that cannot be read: " + e.getMessage());
                            consumer.seek(e.topicPartition(), e.offset() + 1);
                        } catch (RuntimeException e) {
                            System.err.println("[watch] " + topic + ": " + e); // the broker restarting: go on
                            sleep(1000);
                        }
                    }
                } catch (org.apache.kafka.common.errors.WakeupException e) {
                    // closing
                } finally {
                    consumer.close(Duration.ofSeconds(2));
                }
            }, "chaos-watch-" + topic);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }

        /** Whether nothing has come to reports.validated for this long (the pipeline is stuck); before the first record, at least 5 minutes (a cold start). */
        boolean stalled(int seconds) {
            long limit = validatedRecords.get() == 0 ? Math.max(seconds, 300) : seconds;
            return System.nanoTime() - lastValidated.get() > TimeUnit.SECONDS.toNanos(limit);
        }

        private void validated(ConsumerRecord<String, Object> r) {
            lastValidated.set(System.nanoTime());
            validatedRecords.incrementAndGet();
            if (r.value() instanceof GenericRecord v && v.get("report") instanceof GenericRecord report) validatedIds.add(String.valueOf(report.get("reportId")));
        }

        private void issue(ConsumerRecord<String, Object> r) {
            issueRecords.incrementAndGet();
            if (!(r.value() instanceof GenericRecord v)) return;
            String id = String.valueOf(v.get("findingId"));
            String kind = String.valueOf(v.get("action"));
            // UPDATED: the finding still stands with other figures (a correction changed the cell, not enough): no second RAISED
            if ("UPDATED".equals(kind)) return;
            int action = "WITHDRAWN".equals(kind) ? 1 : 0;
            synchronized (findings) {
                findings.computeIfAbsent(id, k -> new int[2])[action]++;
            }
        }

        boolean validated(String reportId) {
            return validatedIds.contains(reportId);
        }

        int seenCount(List<ChaosExpectation.Accepted> accepted) {
            int n = 0;
            for (ChaosExpectation.Accepted a : accepted) if (validatedIds.contains(a.reportId())) n++;
            return n;
        }

        Map<String, int[]> findings() {
            synchronized (findings) {
                Map<String, int[]> copy = new HashMap<>();
                findings.forEach((k, v) -> copy.put(k, v.clone()));
                return copy;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            consumers.forEach(KafkaConsumer::wakeup);
            for (Thread t : threads) t.join(5000);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode aggregates() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.aggregateUrl() + "/api/aggregates")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new java.io.IOException("HTTP " + r.statusCode());
        return ReportJson.MAPPER.readTree(r.body());
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
