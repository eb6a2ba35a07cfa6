package io.nianbao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.contracts.KafkaClientSecurity;
import io.nianbao.contracts.Registry;
import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicSettings;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import io.nianbao.core.ReportParser;
import io.nianbao.core.aggregate.ProvinceTotals;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import io.nianbao.core.synth.SyntheticReport;
import io.nianbao.core.validate.RuleEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Streams generated reports through a running stack and measures it against the bare broker (issue 9,
 * item 6): reports/s from the first POST until the aggregates have grown by every report accepted,
 * latency per report from ingest's 202 to its record on reports.validated and to the aggregate counting it
 * (as fast as the connections allow, and with {@code --rate} at a paced rate), the raw produce and consume rates of the same payloads
 * on a scratch topic of the same broker, the ratio, and each service's resident memory.
 */
@Command(name = "bench-pipeline", mixinStandardHelpOptions = true, description = {"Measure the running stack end to end: N distinct generated reports posted to ingest with C connections,",
        "reports/s until the aggregates count them, p50/p99 latency from each 202 to its record on reports.validated and to the aggregate counting it",
        "(with --rate, also at a paced rate), the same payloads produced and consumed raw on the same broker, the ratio,",
        "and the RSS of each service from the stack's PID files."})
final class PipelineBenchCommand implements Callable<Integer> {

    /** The scratch topic of the raw broker measurement, created and deleted by the command. */
    static final String RAW_TOPIC = "bench.raw";
    /** Seconds without any change of the aggregates after which a run is given up as stuck. */
    static final int STALL_SECONDS = 120;
    /** The memory target per service. */
    static final long RSS_TARGET_MB = 300;

    /** Text layouts every reader takes exactly, so no generated report ends as a dead letter. */
    private static final List<ReportRenderer.Layout> LAYOUTS = List.of(ReportRenderer.Layout.TAB_PREFIXED_CELLS,
            ReportRenderer.Layout.PIPE_TERMINATED_CELLS, ReportRenderer.Layout.INDENTED_CELLS, ReportRenderer.Layout.PIPE_ROWS,
            ReportRenderer.Layout.TAB_ROWS);
    /** Digits of a generated issuer's name (the Heavenly Stems): no ASCII digit next to the title's year, same in both scripts. */
    private static final String STEMS = "甲乙丙丁戊己庚辛壬癸";

    @Option(names = "--reports", defaultValue = "2000", description = "reports per run (default: ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--connections", defaultValue = "16", description = "concurrent connections to ingest (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--rate", description = "also run at this paced rate, e.g. 50/s (the p99 ≤ 500 ms target is at 50/s)")
    String rate;

    @Option(names = "--timeout", defaultValue = "600", description = "seconds to wait for the aggregates per run (default: ${DEFAULT-VALUE})")
    int timeout;

    @Mixin
    StackOptions.Stack stack;

    @Option(names = "--home", defaultValue = "${env:NIANBAO_HOME:-.nianbao}", description = "the stack's state folder, for its PID files (default: ${DEFAULT-VALUE})")
    Path home;

    @Option(names = "--skip-raw", description = "do not measure the raw broker")
    boolean skipRaw;

    /** What the generated tables hold: how many findings each report brings (one record on validation.issues each). */
    enum Tables {
        /** Tables that add up, one report in four with one wrong cell, as chaos sends them: under one finding a report. */
        CONSISTENT,
        /** Every cell drawn at random: about 40 findings a report, the issue path's worst case. */
        RANDOM
    }

    @Option(names = "--tables", defaultValue = "CONSISTENT", description = {"consistent: tables that add up, one report in four with one wrong cell (about 0.3 findings a report);",
            "random: every cell random (about 40 findings a report, each a record on validation.issues). Default: ${DEFAULT-VALUE}"})
    Tables tables;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** One run through the pipeline. */
    record RunResult(String name, int posted, int accepted, int duplicates, int rejected, double postSeconds, double endToEndSeconds,
                     long aggregated, boolean complete, long[] latenciesMillis, int latencyMissing,
                     long[] aggregateLatenciesMillis, int aggregateLatencyMissing, Map<String, Double> cpuMillisPerReport) {

        double acceptedPerSecond() {
            return postSeconds > 0 ? accepted / postSeconds : 0;
        }

        double endToEndPerSecond() {
            return endToEndSeconds > 0 ? aggregated / endToEndSeconds : 0;
        }
    }

    /** The raw broker: the same payloads produced and consumed on a scratch topic. */
    record RawResult(int records, long bytes, double produceSeconds, double consumeSeconds) {

        double producePerSecond() {
            return records / produceSeconds;
        }

        double consumePerSecond() {
            return records / consumeSeconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (reports < 1 || connections < 1) {
            System.err.println("--reports and --connections must be at least 1");
            return 2;
        }
        Double paced = null;
        if (rate != null) {
            try {
                paced = parseRate(rate);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
        // the registry client's log4j-api finds no provider and says so on stderr; nothing of it is wanted here
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        Optional<String> down = stackProblem();
        if (down.isPresent()) {
            System.err.println(down.get());
            System.err.println("start the stack with ./nianbao up (or point --ingest, --aggregate, --bootstrap, --registry at it)");
            return 3;
        }

        System.out.printf("nianbao bench pipeline: %d reports, %d connections%s; java %s, %d cores, load average %s; %s%n", reports, connections,
                paced == null ? "" : String.format(", then paced at %s/s", trim(paced)), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage(), LocalDate.now());
        long started = System.nanoTime();
        // a tag per invocation, so a second run on the same stack never repeats an issuer (its reports would replace the first's)
        int tag = (int) ((System.currentTimeMillis() / 1000) % 100_000);
        Tables kind = tables;
        List<String> burstTexts = reports(reports, tag, 0, kind);
        List<byte[]> burst = bytes(burstTexts);
        List<byte[]> pacedPayloads = paced == null ? List.of() : bytes(reports(reports, tag, reports, kind));
        long bytes = burst.stream().mapToLong(b -> b.length).sum();
        System.out.printf("[gen]   %d distinct reports (issuer|year each its own), avg %.1f KB, %s tables: %.1f findings a report (the first %d validated here), in %.1f s%n",
                burst.size() + pacedPayloads.size(), bytes / 1024.0 / burst.size(), kind.name().toLowerCase(java.util.Locale.ROOT),
                findingsPerReport(burstTexts.subList(0, Math.min(200, burstTexts.size()))), Math.min(200, burstTexts.size()),
                (System.nanoTime() - started) / 1e9);

        List<RunResult> runs = new ArrayList<>();
        Map<String, Long> peaksBefore = resetPeaks();
        try (ValidatedWatcher watcher = new ValidatedWatcher(stack.bootstrap(), stack.registry());
             AggregatesWatcher aggregates = new AggregatesWatcher(stack.bootstrap(), stack.registry())) {
            runs.add(pipeline("burst, " + connections + " connections", burst, null, watcher, aggregates));
            if (paced != null) runs.add(pipeline("paced " + trim(paced) + "/s", pacedPayloads, paced, watcher, aggregates));
        }
        RawResult raw = skipRaw ? null : raw(burst);

        System.out.println();
        System.out.println("results");
        for (RunResult r : runs) {
            System.out.printf("  %-40s %9.1f reports/s  (%d reports aggregated in %.1f s%s; ingest accepted %.0f/s, %d duplicates, %d rejected)%n",
                    "end to end, " + r.name(), r.endToEndPerSecond(), r.aggregated(), r.endToEndSeconds(),
                    r.complete() ? "" : ", INCOMPLETE: " + r.aggregated() + " of " + r.accepted(), r.acceptedPerSecond(), r.duplicates(), r.rejected());
            long[] l = r.latenciesMillis();
            System.out.printf("  %-40s p50 %6d ms  p99 %6d ms  max %6d ms  (%d reports%s)%n", "202 → reports.validated, " + r.name().replaceAll(",.*", ""),
                    percentile(l, 50), percentile(l, 99), percentile(l, 100), l.length,
                    r.latencyMissing() == 0 ? "" : ", " + r.latencyMissing() + " not seen");
            long[] a = r.aggregateLatenciesMillis();
            System.out.printf("  %-40s p50 %6d ms  p99 %6d ms  max %6d ms  (%d reports%s)%n", "202 → aggregates.province, " + r.name().replaceAll(",.*", ""),
                    percentile(a, 50), percentile(a, 99), percentile(a, 100), a.length,
                    r.aggregateLatencyMissing() == 0 ? "" : ", " + r.aggregateLatencyMissing() + " not counted");
            if (!r.cpuMillisPerReport().isEmpty()) {
                System.out.printf("  %-40s %s; all %.2f%n", "CPU ms a report, " + r.name().replaceAll(",.*", ""),
                        String.join(", ", r.cpuMillisPerReport().entrySet().stream().map(e -> e.getKey() + " " + String.format("%.2f", e.getValue())).toList()),
                        r.cpuMillisPerReport().values().stream().mapToDouble(Double::doubleValue).sum());
            }
        }
        if (raw != null) {
            System.out.printf("  %-40s %9.0f records/s  (%.1f MB/s; %d records, acks=all, idempotent, %s)%n", "raw broker produce", raw.producePerSecond(),
                    raw.bytes() / 1e6 / raw.produceSeconds(), raw.records(), TopicsConfigSource.COMPRESSION);
            System.out.printf("  %-40s %9.0f records/s  (%.1f MB/s)%n", "raw broker consume", raw.consumePerSecond(), raw.bytes() / 1e6 / raw.consumeSeconds());
            RunResult first = runs.get(0);
            System.out.printf("  %-40s %9.4f of produce, %.4f of consume%n", "ratio pipeline/raw", first.endToEndPerSecond() / raw.producePerSecond(),
                    first.endToEndPerSecond() / raw.consumePerSecond());
        }
        printMemory(peaksBefore);
        System.out.printf("load average at the end: %s (the machine's other work shares the cores)%n", loadAverage());
        return runs.stream().allMatch(RunResult::complete) ? 0 : 1;
    }

    // ---- the pipeline ----------------------------------------------------------------------------------

    private RunResult pipeline(String name, List<byte[]> payloads, Double perSecond, ValidatedWatcher watcher, AggregatesWatcher aggregates) throws Exception {
        System.out.printf("[run]   %s: posting %d reports to %s%n", name, payloads.size(), stack.ingestUrl());
        Map<String, Long> bucketsBefore = aggregatedByBucket();
        long baseline = bucketsBefore.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong lastAnswer = new AtomicLong();
        Semaphore open = new Semaphore(connections);
        List<CompletableFuture<?>> inFlight = new ArrayList<>(payloads.size());
        Map<String, Long> cpuBefore = cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < payloads.size(); i++) {
            if (perSecond != null) {
                long due = start + (long) (i * 1e9 / perSecond);
                for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
            }
            open.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/reports?fileName=bench-" + i + ".txt"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/plain; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payloads.get(i))).build();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, failure) -> {
                long now = System.nanoTime();
                open.release();
                lastAnswer.accumulateAndGet(now, Math::max);
                if (failure != null) {
                    rejected.incrementAndGet();
                    problems.add(failure.toString());
                    return;
                }
                JsonNode body = json(r.body());
                if (r.statusCode() == 202) {
                    accepted.incrementAndGet();
                    acceptedAt.put(body.path("id").asText(), now);
                } else if (r.statusCode() == 200 && body.path("duplicate").asBoolean()) {
                    duplicates.incrementAndGet();
                } else {
                    rejected.incrementAndGet();
                    problems.add("HTTP " + r.statusCode() + " " + body.path("error").asText(r.body()));
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((ok, e) -> null).get();
        double postSeconds = (lastAnswer.get() - start) / 1e9;
        System.out.printf("[run]   posted in %.1f s: %d accepted, %d duplicates, %d rejected%n", postSeconds, accepted.get(), duplicates.get(), rejected.get());
        problems.stream().distinct().limit(3).forEach(p -> System.out.println("        " + p));

        // until the aggregates on their topic have grown by every report accepted: followed here as they are
        // published (polling the API's summary 4 times a second decoded every bucket's aggregate each time, a
        // seventh of aggregate-service's CPU in a burst); the API is asked at the end, and must agree
        long target = baseline + accepted.get();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeout);
        long counted = baseline;
        long done = 0;
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long lastCount = counted;
        long lastMove = System.nanoTime();
        while (true) {
            long[] since = aggregates.countedSince(bucketsBefore);
            counted = baseline + since[0];
            long now = System.nanoTime();
            if (counted >= target) {
                // the change that completed it, read after the first POST (nothing accepted: done at once)
                done = Math.max(since[1], start);
                break;
            }
            if (counted != lastCount) {
                lastCount = counted;
                lastMove = now;
            }
            if (now > deadline) break;
            if (now - lastMove > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                System.out.printf("[run]   the aggregates have not moved for %d s: the pipeline is stuck (see ./nianbao status and the services' logs)%n", STALL_SECONDS);
                break;
            }
            if (now > nextProgress) {
                System.out.printf("[run]   %.0f s: aggregates +%d of %d, %d on reports.validated%n", (now - start) / 1e9, counted - baseline,
                        accepted.get(), watcher.seen(acceptedAt.keySet()));
                nextProgress = now + TimeUnit.SECONDS.toNanos(5);
            }
            Thread.sleep(20);
        }
        if (done != 0) {
            // what the topic says, the API says too (its stores are the topic's source): else the run is not complete
            long api = 0;
            long confirmBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < confirmBy) {
                try {
                    api = aggregatedReports();
                } catch (java.io.IOException e) {
                    // a busy aggregate-service may miss one poll; the next one counts
                }
                if (api >= target) break;
                Thread.sleep(250);
            }
            if (api < target) {
                System.out.printf("[run]   aggregates.province counts +%d, but GET /api/aggregates?view=summary +%d: not complete%n", counted - baseline, api - baseline);
                done = 0;
                counted = api;
            }
        }
        boolean complete = done != 0;
        // what each process used while the run went on (the API's confirmation just after it included)
        Map<String, Double> cpuPerReport = cpuPerReport(cpuBefore, cpuNanos(), accepted.get());
        double endToEnd = ((complete ? done : System.nanoTime()) - start) / 1e9;
        // a validated record is on the topic before the aggregate counts it; a short grace for the watcher's last poll
        long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(complete ? 5 : 1);
        while (watcher.seen(acceptedAt.keySet()) < acceptedAt.size() && System.nanoTime() < grace) Thread.sleep(50);
        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> e : acceptedAt.entrySet()) {
            Long seen = watcher.seenAt(e.getKey());
            if (seen == null) missing++;
            else latencies.add(Math.max(0, TimeUnit.NANOSECONDS.toMillis(seen - e.getValue())));
        }
        // the aggregates' last changes are on their topic once counted; a short grace for the watcher's last poll
        Thread.sleep(complete ? 1000 : 0);
        Map<String, List<long[]>> acceptedByBucket = new java.util.HashMap<>();
        int unplaced = 0;
        for (Map.Entry<String, Long> e : acceptedAt.entrySet()) {
            String bucket = watcher.bucketOf(e.getKey());
            if (bucket == null) unplaced++;
            else acceptedByBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(new long[] {watcher.seenAt(e.getKey()), e.getValue()});
        }
        AggregateLatencies toAggregates = aggregateLatencies(acceptedByBucket, bucketsBefore, aggregates.changes());
        System.out.printf("[run]   %s after %.1f s: aggregates +%d of %d%n", complete ? "done" : "TIMED OUT", endToEnd, counted - baseline, accepted.get());
        return new RunResult(name, payloads.size(), accepted.get(), duplicates.get(), rejected.get(), postSeconds, endToEnd,
                Math.min(counted - baseline, accepted.get()), complete, latencies.stream().mapToLong(Long::longValue).toArray(), missing,
                toAggregates.millis(), toAggregates.missing() + unplaced, cpuPerReport);
    }

    /** Latencies to the aggregates, and the reports they never counted. */
    record AggregateLatencies(long[] millis, int missing) {
    }

    /**
     * From each 202 to the aggregate counting the report. An aggregate counts reports, not which ones, so
     * within a province-year the k-th report to reach reports.validated (the aggregate's input) is taken as
     * counted when that bucket's aggregate first counts k more reports than before the run: exact when a
     * bucket's reports are counted in the order of their validated records, the same mean latency when not.
     *
     * @param acceptedByBucket the run's reports by bucket (province|year): {validated nanoTime, 202 nanoTime} each
     * @param before each bucket's report count before the run (absent: 0)
     * @param changes each bucket's aggregate changes seen on aggregates.province: {nanoTime, reports}, in order
     */
    static AggregateLatencies aggregateLatencies(Map<String, List<long[]>> acceptedByBucket, Map<String, Long> before, Map<String, List<long[]>> changes) {
        List<Long> millis = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, List<long[]>> bucket : acceptedByBucket.entrySet()) {
            List<long[]> accepted = new ArrayList<>(bucket.getValue());
            accepted.sort(java.util.Comparator.comparingLong(a -> a[0]));
            List<long[]> seen = changes.getOrDefault(bucket.getKey(), List.of());
            long base = before.getOrDefault(bucket.getKey(), 0L);
            int next = 0;
            for (int k = 1; k <= accepted.size(); k++) {
                while (next < seen.size() && seen.get(next)[1] < base + k) next++;
                if (next == seen.size()) {
                    missing += accepted.size() - k + 1;
                    break;
                }
                millis.add(Math.max(0, TimeUnit.NANOSECONDS.toMillis(seen.get(next)[0] - accepted.get(k - 1)[1])));
            }
        }
        return new AggregateLatencies(millis.stream().mapToLong(Long::longValue).toArray(), missing);
    }

    /** The reports the aggregates count, over every province and year (the unknown buckets included). */
    private long aggregatedReports() throws java.io.IOException, InterruptedException {
        return sumReports(aggregateSummary());
    }

    /** The reports the aggregates count, by bucket (province|year, as aggregates.province is keyed). */
    private Map<String, Long> aggregatedByBucket() throws java.io.IOException, InterruptedException {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (JsonNode row : aggregateSummary()) {
            String province = row.path("province").isNull() ? null : row.path("province").asText();
            Integer year = row.path("reportYear").isNull() ? null : row.path("reportYear").asInt();
            counts.merge(ProvinceTotals.key(province, year), row.path("reports").asLong(), Long::sum);
        }
        return counts;
    }

    private JsonNode aggregateSummary() throws java.io.IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.aggregateUrl() + "/api/aggregates?view=summary")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new java.io.IOException("aggregate-service answered HTTP " + r.statusCode());
        return ReportJson.MAPPER.readTree(r.body());
    }

    static long sumReports(JsonNode rows) {
        long n = 0;
        for (JsonNode row : rows) n += row.path("reports").asLong();
        return n;
    }

    /** Follows a topic from its end on a thread of its own, handing each record and the nanoTime it was read to a handler. */
    private static final class TopicFollower implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final KafkaConsumer<String, Object> consumer;
        private final Thread thread;

        TopicFollower(Topic<?> topic, String bootstrap, String registry, java.util.function.ObjLongConsumer<ConsumerRecord<String, Object>> handler) {
            Map<String, Object> config = topic.consumerConfig(bootstrap, registry, "nianbao-bench-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            // only the fields the bench reads are decoded: the load generator leaves the cores to the stack
            config.put(io.nianbao.contracts.ContractsAvroDeserializer.GENERIC, "true");
            config.put(io.nianbao.contracts.Registry.DATUM_PROVIDER_PROPERTY, ProjectingDatumProvider.class);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
            // what the next stage reads: the pipeline's records are written in transactions
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(config);
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before the first report is posted
            thread = new Thread(() -> run(topic, handler), "bench-" + topic.name() + "-follower");
            thread.setDaemon(true);
            thread.start();
        }

        private void run(Topic<?> topic, java.util.function.ObjLongConsumer<ConsumerRecord<String, Object>> handler) {
            try {
                while (running.get()) {
                    for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(100))) {
                        try {
                            handler.accept(r, System.nanoTime());
                        } catch (RuntimeException e) {
                            // one record the bench cannot read is left out; the rest are still followed
                            System.err.println("[watch] a record on " + topic.name() + " left out: " + e);
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                System.err.println("[watch] reading " + topic.name() + " failed: " + e);
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            consumer.wakeup();
            thread.join(5000);
        }
    }

    /** When each report id first appears on reports.validated, and its province|year as the aggregate files it. */
    private static final class ValidatedWatcher implements AutoCloseable {

        private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
        private final Map<String, String> bucketOf = new ConcurrentHashMap<>();
        private final TopicFollower follower;

        ValidatedWatcher(String bootstrap, String registry) {
            follower = new TopicFollower(Topics.VALIDATED, bootstrap, registry, (r, now) -> {
                if (r.value() instanceof GenericRecord v && v.get("report") instanceof GenericRecord report) {
                    String id = String.valueOf(report.get("reportId"));
                    seenAt.putIfAbsent(id, now);
                    Object province = report.get("province");
                    Object year = report.get("reportYear");
                    bucketOf.put(id, ProvinceTotals.key(province == null ? null : province.toString(), year == null ? null : ((Number) year).intValue()));
                }
            });
        }

        Long seenAt(String id) {
            return seenAt.get(id);
        }

        String bucketOf(String id) {
            return bucketOf.get(id);
        }

        int seen(java.util.Set<String> ids) {
            int n = 0;
            for (String id : ids) if (seenAt.containsKey(id)) n++;
            return n;
        }

        @Override
        public void close() throws InterruptedException {
            follower.close();
        }
    }

    /** Each bucket's report count as it changes on aggregates.province: {nanoTime, reports}, in order. */
    static final class AggregatesWatcher implements AutoCloseable {

        private final Map<String, List<long[]>> changes = new ConcurrentHashMap<>();
        private final TopicFollower follower;

        AggregatesWatcher(String bootstrap, String registry) {
            follower = new TopicFollower(Topics.AGGREGATES, bootstrap, registry, (r, now) -> {
                if (r.key() != null && r.value() instanceof GenericRecord v && v.get("reports") instanceof Number reports) {
                    long[] change = {now, reports.longValue()};
                    // a bucket's list is published holding its first change: a reader never finds it empty
                    changes.compute(r.key(), (k, list) -> {
                        List<long[]> out = list != null ? list : java.util.Collections.synchronizedList(new ArrayList<>());
                        out.add(change);
                        return out;
                    });
                }
            });
        }

        /**
         * How many more reports the buckets count now than in {@code before} (their counts when a run
         * started), and when the newest of the changes counted was read (nanoTime; 0 when none).
         */
        long[] countedSince(Map<String, Long> before) {
            return countedSince(changes, before);
        }

        /** {@link #countedSince(Map)} over each bucket's changes ({nanoTime, reports}, in order; each list non-empty). */
        static long[] countedSince(Map<String, List<long[]>> changes, Map<String, Long> before) {
            long more = 0;
            long newest = 0;
            for (Map.Entry<String, List<long[]>> e : changes.entrySet()) {
                long[] latest;
                synchronized (e.getValue()) {
                    latest = e.getValue().get(e.getValue().size() - 1);
                }
                more += latest[1] - before.getOrDefault(e.getKey(), 0L);
                newest = Math.max(newest, latest[0]);
            }
            return new long[] {more, newest};
        }

        /** A copy of the changes seen so far, by bucket. */
        Map<String, List<long[]>> changes() {
            Map<String, List<long[]>> copy = new java.util.HashMap<>();
            changes.forEach((bucket, list) -> {
                synchronized (list) {
                    copy.put(bucket, new ArrayList<>(list));
                }
            });
            return copy;
        }

        @Override
        public void close() throws InterruptedException {
            follower.close();
        }
    }

    // ---- the raw broker --------------------------------------------------------------------------------

    private RawResult raw(List<byte[]> payloads) throws Exception {
        TopicSettings settings = TopicSettings.fromEnvironment();
        long bytes = payloads.stream().mapToLong(b -> b.length).sum();
        System.out.printf("[raw]   %d records (the same payloads) to scratch topic %s, %d partitions, acks=all, after a warm-up round of the same%n",
                payloads.size(), RAW_TOPIC, settings.partitions());
        try (Admin admin = Admin.create(KafkaClientSecurity.applyTo(new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap()))))) {
            deleteRawTopic(admin); // left over from an interrupted run
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, settings.partitions(), settings.replicationFactor())
                    .configs(Map.of("max.message.bytes", Integer.toString(settings.maxRecordBytes()))))).all().get(30, TimeUnit.SECONDS);
            try {
                double produce = produceRaw(payloads, settings);
                System.out.printf("[raw]   produced in %.2f s%n", produce);
                double consume = consumeRaw(payloads.size(), settings);
                System.out.printf("[raw]   consumed in %.2f s%n", consume);
                return new RawResult(payloads.size(), bytes, produce, consume);
            } finally {
                deleteRawTopic(admin);
            }
        }
    }

    /** As the pipeline's producers are configured (TopicsConfigSource): acks=all, idempotent, zstd, linger 5 ms. */
    private double produceRaw(List<byte[]> payloads, TopicSettings settings) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap());
        KafkaClientSecurity.applyTo(config);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, TopicsConfigSource.COMPRESSION);
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxRecordBytes());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.partitionsFor(RAW_TOPIC); // metadata before the clock starts
            double seconds = 0;
            for (int round = 0; round < 2; round++) { // the first warms the client (JIT, zstd), the second is measured
                List<java.util.concurrent.Future<?>> acks = new ArrayList<>(payloads.size());
                long start = System.nanoTime();
                for (int i = 0; i < payloads.size(); i++) acks.add(producer.send(new ProducerRecord<>(RAW_TOPIC, "bench-" + i, payloads.get(i))));
                producer.flush();
                for (java.util.concurrent.Future<?> ack : acks) ack.get();
                seconds = (System.nanoTime() - start) / 1e9;
            }
            return seconds;
        }
    }

    private double consumeRaw(int records, TopicSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap());
        KafkaClientSecurity.applyTo(config);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "nianbao-bench-raw-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.maxRecordBytes());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(RAW_TOPIC, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            // the warm-up round, untimed; then the rest, timed (a poll may straddle the two, so the time is scaled to the records it read)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int n = 0;
            while (n < records && System.nanoTime() < deadline) n += consumer.poll(Duration.ofMillis(200)).count();
            int before = n;
            long start = System.nanoTime();
            while (n < 2 * records && System.nanoTime() < deadline) n += consumer.poll(Duration.ofMillis(200)).count();
            if (n < 2 * records) throw new IllegalStateException("read back only " + n + " of " + 2 * records + " records from " + RAW_TOPIC);
            double seconds = (System.nanoTime() - start) / 1e9;
            return n == before ? seconds : seconds * records / (n - before);
        }
    }

    private static void deleteRawTopic(Admin admin) throws Exception {
        try {
            admin.deleteTopics(List.of(RAW_TOPIC)).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw e;
        }
    }

    // ---- CPU -------------------------------------------------------------------------------------------

    /** The load generator's name among the components: it shares the machine's cores with the stack. */
    static final String BENCH = "bench";
    /** /proc/PID/stat counts in clock ticks; Linux gives user space 100 a second (USER_HZ) whatever the kernel's own rate. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** CPU time used so far by each of the stack's processes (from their PID files) and by this one ({@link #BENCH}), in the launcher's order. */
    private Map<String, Long> cpuNanos() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        List<Path> files = pidFiles();
        if (files != null) {
            for (Path f : files) {
                try {
                    String pid = Files.readString(f).strip();
                    out.put(f.getFileName().toString().replaceFirst("\\.pid$", ""), procCpuNanos(Files.readString(Path.of("/proc", pid, "stat"))));
                } catch (java.io.IOException | RuntimeException e) {
                    // not running: left out
                }
            }
        }
        out.put(BENCH, ownCpuNanos());
        return out;
    }

    /** This process's CPU time so far. */
    static long ownCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** The CPU time of a /proc/PID/stat line. */
    static long procCpuNanos(String stat) {
        return procCpuTicks(stat) * NANOS_PER_TICK;
    }

    /** utime + stime of a /proc/PID/stat line (fields 14 and 15, counted after the command name, which may hold spaces). */
    static long procCpuTicks(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        // after[0] is field 3 (the state)
        return Long.parseLong(after[11]) + Long.parseLong(after[12]);
    }

    /** Milliseconds of CPU a report for each component present at both ends (none when no report was accepted). */
    static Map<String, Double> cpuPerReport(Map<String, Long> before, Map<String, Long> after, int reports) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        if (reports <= 0) return out;
        after.forEach((name, nanos) -> {
            Long earlier = before.get(name);
            if (earlier != null && nanos >= earlier) out.put(name, (nanos - earlier) / 1e6 / reports);
        });
        return out;
    }

    // ---- memory ----------------------------------------------------------------------------------------

    /** The PID files of the stack's components, in the launcher's order; null when there are none. */
    private List<Path> pidFiles() {
        Path run = home.resolve("run");
        try (Stream<Path> files = Files.list(run)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted(java.util.Comparator.comparingInt(PipelineBenchCommand::componentOrder)).toList();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Each component's peak RSS so far (MB), then the peak reset to the RSS of now (/proc/PID/clear_refs,
     * "5"), so that the peak printed at the end is this invocation's, not the JIT's warm-up after a start.
     * A component whose peak cannot be reset keeps its peak since it started (said at the end).
     */
    private Map<String, Long> resetPeaks() {
        Map<String, Long> before = new HashMap<>();
        List<Path> files = pidFiles();
        if (files == null) return before;
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
            try {
                String pid = Files.readString(f).strip();
                long peak = procStatus(Files.readString(Path.of("/proc", pid, "status"))).getOrDefault("VmHWM", -1L) / 1024;
                Files.writeString(Path.of("/proc", pid, "clear_refs"), "5");
                before.put(name, peak);
            } catch (java.io.IOException | RuntimeException e) {
                // not running, or not ours to reset: its peak stays the one since it started
            }
        }
        return before;
    }

    private void printMemory(Map<String, Long> peaksBefore) {
        Path run = home.resolve("run");
        List<Path> pidFiles = pidFiles();
        if (pidFiles == null) {
            System.out.println("memory: no PID files in " + run + " (set --home or NIANBAO_HOME to the stack's folder)");
            return;
        }
        System.out.printf("memory (VmRSS now, VmHWM peak during this run — before it, since start; target ≤ %d MB per service), from %s%n", RSS_TARGET_MB, run);
        for (Path f : pidFiles) {
            String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
            try {
                String pid = Files.readString(f).strip();
                Map<String, Long> status = procStatus(Files.readString(Path.of("/proc", pid, "status")));
                long rss = status.getOrDefault("VmRSS", -1L) / 1024;
                long peak = status.getOrDefault("VmHWM", -1L) / 1024;
                boolean service = !name.equals("kafka") && !name.equals("registry");
                Long before = peaksBefore.get(name);
                String earlier = before == null ? "  (peak since start: not reset)" : String.format("  (before: %d)", before);
                String verdict = !service ? "  (infrastructure)" : rss > RSS_TARGET_MB ? "  over the target" : peak > RSS_TARGET_MB ? "  over the target at peak" : "";
                System.out.printf("  %-10s pid %-8s RSS %5d MB  peak %5d MB%s%s%n", name, pid, rss, peak, earlier, verdict);
            } catch (java.io.IOException | RuntimeException e) {
                System.out.printf("  %-10s not running (%s)%n", name, e.getMessage());
            }
        }
    }

    /** The stack's order (the launcher's COMPONENTS), others after it. */
    private static int componentOrder(Path pidFile) {
        int i = List.of("kafka", "registry", "ingest", "parse", "validate", "aggregate").indexOf(pidFile.getFileName().toString().replaceFirst("\\.pid$", ""));
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The kB figures of /proc/PID/status ("VmRSS:   123456 kB"), by name. */
    static Map<String, Long> procStatus(String text) {
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String value = line.substring(colon + 1).strip();
            if (!value.endsWith(" kB")) continue;
            try {
                out.put(line.substring(0, colon), Long.parseLong(value.substring(0, value.length() - 3).strip()));
            } catch (NumberFormatException e) {
                // not a figure
            }
        }
        return out;
    }

    // ---- pure parts (unit-tested) ------------------------------------------------------------------------

    /**
     * N distinct reports as UTF-8 text: generated tables in the exact text layouts, half in traditional
     * script, each with its own issuer (a county and a number in Heavenly Stems), so every report is its own
     * issuer|year in validate-service and aggregate-service and adds one to the aggregates.
     *
     * @param tag distinguishes one invocation's issuers from another's on the same stack
     * @param first the number of the first report (a second run of one invocation starts after the first's)
     */
    static List<String> reports(int n, int tag, int first, Tables tables) {
        ReportGenerator generator = new ReportGenerator(31L * tag + first, 0.05);
        java.util.Random errors = new java.util.Random(31L * tag + first);
        List<String> out = new ArrayList<>(n);
        for (int i = first; i < first + n; i++) {
            SyntheticReport r = switch (tables) {
                case RANDOM -> generator.next();
                case CONSISTENT -> {
                    SyntheticReport clean = generator.consistent();
                    yield errors.nextInt(4) == 0 ? ChaosPlan.withError(clean, errors) : clean;
                }
            };
            SyntheticReport own = new SyntheticReport(issuer(r.county(), tag, i), r.province(), r.county(), r.reportYear(), r.template(),
                    r.activeDisclosure(), r.applications(), r.reviewLitigation());
            out.add(new ReportRenderer(i, 8).render(own, LAYOUTS.get(i % LAYOUTS.size()), i % 2 == 1));
        }
        return out;
    }

    static List<byte[]> bytes(List<String> texts) {
        return texts.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Findings per report as the pure core finds them (what validate-service will publish for these texts). */
    static double findingsPerReport(List<String> texts) {
        if (texts.isEmpty()) return 0;
        ReportParser parser = new ReportParser();
        RuleEngine rules = new RuleEngine();
        long findings = 0;
        for (String text : texts) findings += rules.validate(parser.parse("bench", text, ReportHints.NONE)).findings().size();
        return (double) findings / texts.size();
    }

    /** "分宜县甲乙丙丁戊己庚辛壬癸服务中心": the county, the tag and the number spelled in Heavenly Stems. */
    static String issuer(String county, int tag, int number) {
        return county + stems(tag, 5) + stems(number, 7) + "服务中心";
    }

    private static String stems(long value, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = STEMS.charAt((int) (value % 10));
            value /= 10;
        }
        return new String(out);
    }

    /** Nearest-rank percentile of the values (p in 0–100; p 100 is the maximum); 0 for no values. */
    static long percentile(long[] values, double p) {
        if (values.length == 0) return 0;
        if (p < 0 || p > 100) throw new IllegalArgumentException("a percentile is between 0 and 100, not " + p);
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** "50/s", "50" or "12.5/s" → reports per second. */
    static double parseRate(String text) {
        String s = text.strip();
        if (s.endsWith("/s")) s = s.substring(0, s.length() - 2).strip();
        double r;
        try {
            r = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate takes reports per second, such as 50/s, not '" + text + "'");
        }
        if (!(r > 0) || Double.isInfinite(r)) throw new IllegalArgumentException("--rate must be above 0, not '" + text + "'");
        return r;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** What of the stack does not answer, if anything. */
    private Optional<String> stackProblem() {
        String ready = stack.ingestUrl() + "/q/health/ready";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ready)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return Optional.of("ingest-service is not ready at " + ready + " (HTTP " + r.statusCode() + ")");
        } catch (Exception e) {
            return Optional.of("ingest-service does not answer at " + ready + " (" + e.getClass().getSimpleName() + ")");
        }
        // right after ./nianbao up its Kafka Streams may still be taking its partitions: 503 for a while
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (boolean said = false; ; ) {
            try {
                aggregatedReports();
                break;
            } catch (Exception e) {
                boolean starting = String.valueOf(e.getMessage()).contains("HTTP 503");
                if (!starting || System.nanoTime() > giveUp) {
                    return Optional.of("aggregate-service does not answer at " + stack.aggregateUrl() + "/api/aggregates (" + e.getMessage() + ")");
                }
                if (!said) System.out.println("aggregate-service answers 503 (its Kafka Streams is starting): waiting up to 90 s");
                said = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.of("interrupted while waiting for aggregate-service");
                }
            }
        }
        try (Admin admin = Admin.create(KafkaClientSecurity.applyTo(new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(Topics.VALIDATED.name())) {
                return Optional.of("Kafka at " + stack.bootstrap() + " has no topic " + Topics.VALIDATED.name());
            }
        } catch (Exception e) {
            return Optional.of("Kafka does not answer at " + stack.bootstrap());
        }
        String info = Registry.apiUrl(stack.registry()) + "/system/info";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(info)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return Optional.of("Apicurio Registry answered HTTP " + r.statusCode() + " at " + info);
        } catch (Exception e) {
            return Optional.of("Apicurio Registry does not answer at " + info);
        }
        return Optional.empty();
    }

    /** The 1-minute load average from /proc/loadavg, "?" where there is none. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static JsonNode json(String body) {
        try {
            return ReportJson.MAPPER.readTree(body);
        } catch (Exception e) {
            return ReportJson.MAPPER.createObjectNode();
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
