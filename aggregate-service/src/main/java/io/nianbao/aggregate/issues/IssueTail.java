package io.nianbao.aggregate.issues;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.aggregate.LiveFeed;
import io.nianbao.contracts.KafkaClientSecurity;
import io.nianbao.contracts.Registry;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TransientFailures;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The latest validation issues, so the dashboard has them on load: at start the tail of each partition of
 * validation.issues, then every new one, kept in memory (a bounded number, newest last); the new ones
 * (past the ends it started from) also go to the {@link LiveFeed}. Its own consumer without a group:
 * every instance keeps the same tail.
 */
@ApplicationScoped
public class IssueTail {

    private static final Logger LOG = Logger.getLogger(IssueTail.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "nianbao.registry.url")
    String registryUrl;

    /** How many issues are kept: more than a page shows, so a filter still finds its last 200. */
    @ConfigProperty(name = "nianbao.issues.kept", defaultValue = "2000")
    int kept;

    @Inject
    LiveFeed live;

    /** By the time each issue was found (then the order it came in): the partitions' tails arrive poll by poll, not in time order. */
    private final java.util.TreeMap<Order, ObjectNode> issues = new java.util.TreeMap<>();
    private long arrivals;

    private record Order(java.time.Instant at, long arrival) implements Comparable<Order> {
        @Override
        public int compareTo(Order o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : Long.compare(arrival, o.arrival);
        }
    }
    /** Per partition, the offset after the last issue read: where the live feed goes on from when the tail starts again. */
    private final Map<TopicPartition, Long> readUpTo = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile KafkaConsumer<String, ValidationIssueRecord> consumer;
    private volatile boolean running = true;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "issue-tail");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, ValidationIssueRecord> c = consumer;
        if (c != null) c.wakeup();
        if (thread != null) thread.join(5000);
    }

    /** The newest {@code limit} issues that pass the filter, newest first. */
    public synchronized List<ObjectNode> latest(Predicate<ObjectNode> filter, int limit) {
        List<ObjectNode> out = new ArrayList<>();
        for (var it = issues.descendingMap().values().iterator(); it.hasNext() && out.size() < limit; ) {
            ObjectNode i = it.next();
            if (filter.test(i)) out.add(i);
        }
        return out;
    }

    synchronized void add(ObjectNode issue) {
        add(foundAt(issue), issue);
    }

    synchronized void add(java.time.Instant at, ObjectNode issue) {
        issues.put(new Order(at == null ? java.time.Instant.EPOCH : at, arrivals++), issue);
        while (issues.size() > kept) issues.pollFirstEntry();
    }

    /** The issue's time; one without a readable time counts as the oldest (it is shown last, never first). */
    private static java.time.Instant foundAt(ObjectNode issue) {
        try {
            return java.time.Instant.parse(issue.path("at").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, ValidationIssueRecord> c = new KafkaConsumer<>(config(), new StringDeserializer(),
                    Topics.ISSUES.valueSerde(registryUrl).deserializer())) {
                consumer = c;
                List<TopicPartition> parts = c.partitionsFor(Topics.ISSUES.name(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                // not created yet: try again, rather than follow no partition for ever
                if (parts.isEmpty()) throw new IllegalStateException(Topics.ISSUES.name() + " has no partitions yet");
                c.assign(parts);
                // the tail of each partition: the newest `kept` issues are among them
                Map<TopicPartition, Long> begin = c.beginningOffsets(parts);
                Map<TopicPartition, Long> ends = c.endOffsets(parts);
                ends.forEach((tp, end) -> c.seek(tp, Math.max(begin.get(tp), end - kept)));
                // new to the live feed: what lies past the ends at the first start, past what was read before a restart
                Map<TopicPartition, Long> liveFrom = new HashMap<>(ends);
                readUpTo.forEach((tp, next) -> liveFrom.computeIfPresent(tp, (k, end) -> Math.min(end, next)));
                synchronized (this) {
                    issues.clear();
                }
                poll(c, liveFrom);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                LOG.warnf("the issue tail stopped (%s); starting again in 5 s", e.getMessage());
                sleep(5000);
            }
        }
    }

    /** Reads on; what lies at or past {@code liveFrom} (the ends when it started) is new, and goes to the live feed too. */
    private void poll(KafkaConsumer<String, ValidationIssueRecord> c, Map<TopicPartition, Long> liveFrom) {
        List<Map.Entry<java.time.Instant, ObjectNode>> batch = new ArrayList<>();
        List<ObjectNode> fresh = new ArrayList<>();
        while (running) {
            try {
                batch.clear();
                fresh.clear();
                for (ConsumerRecord<String, ValidationIssueRecord> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    readUpTo.put(tp, r.offset() + 1);
                    if (r.value() == null) continue;
                    ObjectNode issue = IssueJson.of(r.value());
                    // the record's own time: its JSON is not parsed back for it
                    batch.add(Map.entry(r.value().getAt(), issue));
                    if (r.offset() >= liveFrom.getOrDefault(tp, 0L)) fresh.add(issue);
                }
                batch.forEach(e -> add(e.getKey(), e.getValue()));
                try {
                    fresh.forEach(live::issue);
                } catch (RuntimeException e) {
                    LOG.warnf("the live feed did not take %d new issues: %s", fresh.size(), e.getMessage());
                }
            } catch (RecordDeserializationException e) {
                if (TransientFailures.isTransient(e)) {
                    c.seek(e.topicPartition(), e.offset());
                    sleep(5000);
                } else {
                    LOG.warnf("%s/%d at offset %d is not an issue, skipped: %s", Topics.ISSUES.name(), e.topicPartition().partition(), e.offset(), e.getMessage());
                    c.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
    }

    /** The fetch settings of the consumers that feed pages (this one and the live feed's channel, application.properties). */
    static final int LIVE_FETCH_MIN_BYTES = 65536;
    static final int LIVE_FETCH_MAX_WAIT_MS = 200;

    private Map<String, Object> config() {
        Map<String, Object> c = new HashMap<>(Registry.serdeConfig(registryUrl));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the topic is written in transactions: an aborted issue was never raised
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a page can wait 200 ms for an issue: a fetch at most every 200 ms (or per 64 KB), not one per transaction
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, LIVE_FETCH_MIN_BYTES);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, LIVE_FETCH_MAX_WAIT_MS);
        KafkaClientSecurity.applyTo(c);
        return c;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
