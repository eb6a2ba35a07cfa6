package io.nianbao.ingest.follow;

import io.nianbao.contracts.KafkaClientSecurity;
import io.nianbao.contracts.Registry;
import io.nianbao.contracts.avro.FetchedPageRecord;
import io.nianbao.contracts.avro.SourceRecord;
import io.nianbao.ingest.ReportIntake;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Follows the sources of {@code follow.sources}: polls each politely, finds its report links, fetches
 * each new one (and its attachments) and hands it to ingest; what it fetched goes to
 * {@code follow.fetched-pages}.
 *
 * <p>Several instances share the sources out through the consumer group of the sources topic: an
 * instance polls only the sources in the partitions the group assigned it (a source's key is its URL,
 * so one source is always in one partition, owned by one instance). Every instance reads both topics
 * whole, so each can list every source and compute coverage. When partitions move, the instance losing
 * them finishes its polls of them and flushes what it wrote before the group hands them on, and the
 * instance gaining them first reads {@code follow.fetched-pages} up to its end: it never fetches again
 * a page the other fetched. The same holds after a restart.
 */
public final class FollowWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FollowWatcher.class);

    public static final String LISTING = "LISTING";
    public static final String REPORT = "REPORT";
    public static final String ATTACHMENT = "ATTACHMENT";

    /** What one instance knows about a source's polling. */
    public static final class SourceState {
        volatile Instant nextPoll;
        volatile int failures;
        volatile boolean inFlight;
        volatile String lastError;
    }

    /** A source as the API shows it: its settings, its last poll and what it brought. */
    public record SourceView(String url, String publisher, String place, String linkPattern, String every, Instant addedAt,
                             Instant lastPoll, String status, String error, int reports, boolean ownedHere, Instant nextPoll) {
    }

    private final FollowConfig config;
    private final DocumentSink sink;
    private final FollowListener listener;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final Politeness politeness;
    private final Fetcher fetcher;
    private final Serde<SourceRecord> sourceSerde;
    private final Serde<FetchedPageRecord> pageSerde;
    private final KafkaProducer<String, Object> producer;

    private final Map<String, SourceRecord> sources = new ConcurrentHashMap<>();
    private final Map<String, Integer> sourcePartition = new ConcurrentHashMap<>();
    private final Map<String, FetchedPageRecord> pages = new ConcurrentHashMap<>();
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();
    private final Map<String, Listing> lastListing = new ConcurrentHashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Partitions assigned but not yet polled: they wait until the pages table has read up to these offsets. */
    private final Map<Integer, Map<TopicPartition, Long>> pendingCatchUp = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> pagesPosition = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> pagesStartEnd = Map.of();
    private volatile boolean pagesLoaded;
    private volatile boolean sourcesLoaded;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore concurrency;
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<?, ?>> consumers = new ArrayList<>();

    public FollowWatcher(FollowConfig config, DocumentSink sink, FollowListener listener, Clock clock) {
        this.config = config;
        this.sink = sink;
        this.listener = listener == null ? new FollowListener() { } : listener;
        this.clock = clock;
        this.politeness = new Politeness(config.perHost(), config.maxBackoff());
        this.fetcher = new Fetcher(politeness, config.timeout(), config.maxBytes(), config.userAgent(), Duration.ofHours(1), clock);
        this.sourceSerde = config.sourcesTopic().valueSerde(config.registryUrl());
        this.pageSerde = config.pagesTopic().valueSerde(config.registryUrl());
        this.concurrency = new Semaphore(config.concurrency());
        Map<String, Object> p = new HashMap<>(Registry.serdeConfig(config.registryUrl()));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        KafkaClientSecurity.applyTo(p);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), (topic, value) -> value == null ? null
                : value instanceof SourceRecord s ? sourceSerde.serializer().serialize(topic, s) : pageSerde.serializer().serialize(topic, (FetchedPageRecord) value));
    }

    /** Starts reading the topics, joining the group and polling. */
    public FollowWatcher start() {
        thread("follow-sources", () -> readAll(config.sourcesTopic().name(), sourceSerde.deserializer(), this::sourceRead, () -> sourcesLoaded = true));
        thread("follow-pages", () -> readAll(config.pagesTopic().name(), pageSerde.deserializer(), this::pageRead, () -> pagesLoaded = true));
        thread("follow-owner", this::own);
        thread("follow-scheduler", this::schedule);
        return this;
    }

    private void thread(String name, Runnable body) {
        Thread t = Thread.ofPlatform().name(name + "-" + instance).daemon().start(() -> {
            try {
                body.run();
            } catch (WakeupException e) {
                // closing
            } catch (Throwable e) {
                if (running) {
                    LOG.errorf(e, "the watcher's %s thread stopped", name);
                    failure.compareAndSet(null, e);
                }
            }
        });
        threads.add(t);
    }

    // ---- the topics -------------------------------------------------------------------------------

    private Map<String, Object> consumerConfig(String group) {
        Map<String, Object> c = new HashMap<>(Registry.serdeConfig(config.registryUrl()));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Long.toString(config.maxBytes() + 1024 * 1024));
        if (group != null) c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        KafkaClientSecurity.applyTo(c);
        return c;
    }

    /** Reads every partition of a table from the beginning, for ever; {@code loaded} once it reached the end it saw at start. */
    private <V> void readAll(String topic, Deserializer<V> values, java.util.function.Consumer<ConsumerRecord<String, V>> each, Runnable loaded) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerConfig(null), new StringDeserializer(), values)) {
            synchronized (consumers) {
                consumers.add(consumer);
            }
            List<TopicPartition> parts = partitions(consumer, topic);
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            if (topic.equals(config.pagesTopic().name())) pagesStartEnd = end;
            boolean done = false;
            while (running) {
                org.apache.kafka.clients.consumer.ConsumerRecords<String, V> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                    if (io.nianbao.contracts.TransientFailures.isTransient(e)) {
                        // the registry cannot be reached: the record is read again after a pause, not skipped
                        LOG.warnf("%s: %s (retried in 5 s)", topic, e.getMessage());
                        consumer.seek(e.topicPartition(), e.offset());
                        try {
                            Thread.sleep(5000);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    } else {
                        // a record that is not a source or a fetched page is no state: step over it, say so
                        LOG.warnf("%s/%d at offset %d is not readable, skipped: %s", topic, e.topicPartition().partition(), e.offset(), e.getMessage());
                        consumer.seek(e.topicPartition(), e.offset() + 1);
                    }
                    continue;
                }
                for (ConsumerRecord<String, V> r : records) each.accept(r);
                if (topic.equals(config.pagesTopic().name())) for (TopicPartition tp : parts) pagesPosition.put(tp, consumer.position(tp));
                if (!done && parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                    done = true;
                    loaded.run();
                }
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        for (int attempt = 0; ; attempt++) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (info != null && !info.isEmpty()) return info.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            if (attempt > 30) throw new IllegalStateException("topic " + topic + " does not exist: create the topics (./nianbao topics create)");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void sourceRead(ConsumerRecord<String, SourceRecord> r) {
        if (r.value() == null) {
            sources.remove(r.key());
            sourcePartition.remove(r.key());
        } else {
            sources.put(r.key(), r.value());
            sourcePartition.put(r.key(), r.partition());
        }
    }

    private void pageRead(ConsumerRecord<String, FetchedPageRecord> r) {
        if (r.value() == null) {
            pages.remove(r.key());
            return;
        }
        // our own writes are already in the table; a record read back is never older than what we hold
        pages.merge(r.key(), r.value(), (mine, read) -> read.getFetchedAt().isBefore(mine.getFetchedAt()) ? mine : read);
    }

    /** Membership of the sources topic's group: which partitions' sources this instance polls. */
    private void own() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(config.groupId()), new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            synchronized (consumers) {
                consumers.add(consumer);
            }
            consumer.subscribe(List.of(config.sourcesTopic().name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    release(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    release(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (partitions.isEmpty()) return;
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions(consumer, config.pagesTopic().name()));
                    for (TopicPartition tp : partitions) {
                        pendingCatchUp.put(tp.partition(), end);
                        owned.add(tp.partition());
                    }
                    LOG.infof("watcher %s follows the sources of partitions %s of %s", instance, partitions.stream().map(TopicPartition::partition).sorted().toList(),
                            config.sourcesTopic().name());
                }
            });
            while (running) consumer.poll(Duration.ofMillis(500)); // membership only: the sources come from readAll
        }
    }

    /** Partitions leave: stop polling their sources, wait for the polls under way, and flush what they wrote. */
    private void release(Collection<TopicPartition> partitions) {
        Set<Integer> leaving = new HashSet<>();
        for (TopicPartition tp : partitions) leaving.add(tp.partition());
        synchronized (owned) {
            owned.removeAll(leaving);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && states.entrySet().stream()
                .anyMatch(e -> e.getValue().inFlight && leaving.contains(sourcePartition.getOrDefault(e.getKey(), -1)))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        producer.flush();
        for (String s : sourcePartition.entrySet().stream().filter(e -> leaving.contains(e.getValue())).map(Map.Entry::getKey).toList()) {
            states.remove(s); // the next owner decides from the fetched-pages table
        }
    }

    /** Whether the pages table has read far enough to poll this partition's sources. */
    private boolean caughtUp(int partition) {
        Map<TopicPartition, Long> need = pendingCatchUp.get(partition);
        if (need == null) return true;
        if (!pagesLoaded) return false;
        for (Map.Entry<TopicPartition, Long> e : need.entrySet()) {
            if (pagesPosition.getOrDefault(e.getKey(), 0L) < e.getValue()) return false;
        }
        pendingCatchUp.remove(partition);
        return true;
    }

    // ---- scheduling -------------------------------------------------------------------------------

    private void schedule() {
        while (running) {
            try {
                Thread.sleep(config.tick().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!sourcesLoaded || !pagesLoaded) continue;
            Instant now = clock.instant();
            for (Map.Entry<String, SourceRecord> e : sources.entrySet()) {
                String url = e.getKey();
                Integer partition = sourcePartition.get(url);
                SourceState state;
                // checked and marked under the ownership lock: a partition being released never gets a new poll
                synchronized (owned) {
                    if (partition == null || !owned.contains(partition) || !caughtUp(partition)) continue;
                    state = states.computeIfAbsent(url, u -> initialState(u, now));
                    if (state.inFlight || state.nextPoll.isAfter(now)) continue;
                    if (!concurrency.tryAcquire()) break;
                    state.inFlight = true;
                }
                SourceRecord source = e.getValue();
                polls.submit(() -> {
                    try {
                        poll(source, state);
                    } catch (Throwable t) {
                        LOG.errorf(t, "polling %s failed", url);
                        state.failures++;
                        state.nextPoll = clock.instant().plus(politeness.nextPollDelay(interval(source), state.failures));
                    } finally {
                        state.inFlight = false;
                        concurrency.release();
                    }
                });
            }
        }
    }

    /** A source first seen by this instance is polled one interval after its last poll (by anyone), or now. */
    private SourceState initialState(String url, Instant now) {
        SourceState s = new SourceState();
        FetchedPageRecord last = pages.get(url);
        SourceRecord source = sources.get(url);
        s.nextPoll = last == null || source == null ? now : last.getFetchedAt().plus(interval(source));
        if (last != null && !last.getOutcome().equals("ok") && !last.getOutcome().equals("not-modified")) {
            s.failures = 1;
            s.lastError = last.getError();
        }
        return s;
    }

    Duration interval(SourceRecord source) {
        Duration d = source.getEverySeconds() == null ? config.every() : Duration.ofSeconds(source.getEverySeconds());
        return d.compareTo(config.minEvery()) < 0 ? config.minEvery() : d;
    }

    // ---- one poll ---------------------------------------------------------------------------------

    void poll(SourceRecord source, SourceState state) throws Exception {
        String sourceUrl = source.getUrl();
        listener.polled(sourceUrl);
        Map<String, Listing.Link> links = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>(List.of(sourceUrl));
        Set<String> seenPages = new HashSet<>(queue);
        String firstError = null;
        for (int i = 0; i < queue.size() && i <= config.maxPages(); i++) {
            String pageUrl = queue.get(i);
            Listing listing = fetchListing(source, pageUrl);
            if (listing == null) {
                if (i == 0) {
                    state.failures++;
                    FetchedPageRecord rec = pages.get(sourceUrl);
                    state.lastError = rec == null ? "failed" : rec.getError();
                    state.nextPoll = clock.instant().plus(politeness.nextPollDelay(interval(source), state.failures));
                    return;
                }
                continue;
            }
            for (Listing.Link l : listing.reports()) links.putIfAbsent(l.url(), l);
            for (String next : listing.pages()) if (seenPages.add(next)) queue.add(next);
        }
        for (Listing.Link link : links.values()) {
            if (!running) return;
            String err = report(source, link);
            if (err != null && firstError == null) firstError = err;
        }
        // the listing's record says how many report links it showed
        FetchedPageRecord listing = pages.get(sourceUrl);
        if (listing != null && (listing.getReports() == null || listing.getReports() != links.size())) {
            listing.setReports(links.size());
            write(listing);
        }
        state.failures = 0;
        state.lastError = firstError;
        state.nextPoll = clock.instant().plus(interval(source));
    }

    /** A listing page fetched (conditionally) and read; null when it could not be. */
    private Listing fetchListing(SourceRecord source, String url) throws InterruptedException {
        // conditional only when this instance holds the listing's links from an earlier 200 (after a restart it reads them again)
        FetchedPageRecord before = pages.get(url);
        Listing cached = lastListing.get(url);
        Fetcher.Result r = fetcher.get(url, cached == null || before == null ? null : before.getEtag(), cached == null || before == null ? null : before.getLastModified());
        Instant now = clock.instant();
        FetchedPageRecord rec = before == null ? newRecord(url, source.getUrl(), LISTING, now) : FetchedPageRecord.newBuilder(before).build();
        rec.setFetchedAt(now);
        rec.setOutcome(r.outcome().tag);
        rec.setHttpStatus(r.httpStatus() == 0 ? null : r.httpStatus());
        rec.setError(r.error());
        if (r.outcome() == Fetcher.Outcome.NOT_MODIFIED) {
            write(rec);
            return cached;
        }
        if (r.outcome().error()) {
            write(rec);
            listener.error(source.getUrl(), url, r.outcome().tag, r.error());
            LOG.warnf("source %s: %s", source.getUrl(), r.error());
            return null;
        }
        rec.setEtag(r.etag());
        rec.setLastModified(r.lastModified());
        rec.setHash(ReportIntake.id(r.body()));
        write(rec);
        Listing listing = extractor(source).extract(decode(r.body(), r.contentType()), r.finalUrl(), Fetcher.mediaType(r.contentType()));
        lastListing.put(url, listing);
        return listing;
    }

    private ListingExtractor extractor(SourceRecord source) {
        return new ListingExtractor(source.getLinkPattern(), config.maxPages());
    }

    /** A report link: fetched when new, failed before, or due for a recheck; ingested when its bytes are new. Returns an error or null. */
    private String report(SourceRecord source, Listing.Link link) throws Exception {
        FetchedPageRecord before = pages.get(link.url());
        Instant now = clock.instant();
        if (before != null && !due(before, now)) return null;
        String publisher = source.getPublisher() != null ? source.getPublisher() : ReportTitles.publisher(link.title());
        Integer year = link.year();
        FetchedPageRecord rec = before == null ? newRecord(link.url(), source.getUrl(), REPORT, now) : FetchedPageRecord.newBuilder(before).build();
        rec.setTitle(link.title());
        rec.setReportYear(year);
        rec.setPublisher(publisher);
        if (rec.getPublishedOn() == null && link.publishedOn() != null) rec.setPublishedOn(link.publishedOn().toString());
        Fetcher.Result r = fetch(rec, link.url(), before);
        if (r == null) return null;
        if (r.outcome().error()) return rec.getError();
        boolean page = !link.attachment() && isHtml(r);
        if (page && rec.getPublishedOn() == null) {
            LocalDate d = ListingExtractor.pageDate(decode(r.body(), r.contentType()));
            if (d != null) rec.setPublishedOn(d.toString());
        }
        String err = ingest(source, rec, r, publisher, year, link.title());
        if (err != null) return err;
        if (page) {
            for (String a : ListingExtractor.attachments(decode(r.body(), r.contentType()), r.finalUrl())) {
                String e = attachment(source, link, a, publisher, year);
                if (e != null && err == null) err = e;
            }
        }
        return err;
    }

    private String attachment(SourceRecord source, Listing.Link link, String url, String publisher, Integer year) throws Exception {
        FetchedPageRecord before = pages.get(url);
        Instant now = clock.instant();
        if (before != null && !due(before, now)) return null;
        FetchedPageRecord rec = before == null ? newRecord(url, source.getUrl(), ATTACHMENT, now) : FetchedPageRecord.newBuilder(before).build();
        rec.setParentUrl(link.url());
        rec.setTitle(link.title());
        rec.setReportYear(year);
        rec.setPublisher(publisher);
        Fetcher.Result r = fetch(rec, url, before);
        if (r == null) return null;
        if (r.outcome().error()) return rec.getError();
        return ingest(source, rec, r, publisher, year, link.title());
    }

    /** A page already fetched is asked again after the recheck interval; one that failed, at every poll. */
    private boolean due(FetchedPageRecord before, Instant now) {
        String o = before.getOutcome();
        boolean settled = o.equals("ok") || o.equals("unchanged") || o.equals("not-modified") || o.equals("rejected");
        return !settled || !before.getFetchedAt().plus(config.recheck()).isAfter(now);
    }

    /** Fetches a report or attachment; writes its record unless the fetch gave bytes to ingest. Null when there is nothing more to do. */
    private Fetcher.Result fetch(FetchedPageRecord rec, String url, FetchedPageRecord before) throws InterruptedException {
        boolean conditional = before != null && before.getHash() != null;
        Fetcher.Result r = fetcher.get(url, conditional ? before.getEtag() : null, conditional ? before.getLastModified() : null);
        rec.setFetchedAt(clock.instant());
        rec.setHttpStatus(r.httpStatus() == 0 ? null : r.httpStatus());
        rec.setError(r.error());
        if (r.outcome() == Fetcher.Outcome.NOT_MODIFIED) {
            rec.setOutcome(r.outcome().tag);
            write(rec);
            return null;
        }
        if (r.outcome().error()) {
            rec.setOutcome(r.outcome().tag);
            write(rec);
            listener.error(rec.getSourceUrl(), url, r.outcome().tag, r.error());
            LOG.warnf("source %s: %s", rec.getSourceUrl(), r.error());
        }
        return r;
    }

    /** Hands new bytes to ingest; the same bytes as last time are not ingested again. Returns an error or null. */
    private String ingest(SourceRecord source, FetchedPageRecord rec, Fetcher.Result r, String publisher, Integer year, String title) throws Exception {
        String id = ReportIntake.id(r.body());
        rec.setEtag(r.etag());
        rec.setLastModified(r.lastModified());
        if (id.equals(rec.getHash())) {
            rec.setOutcome("unchanged");
            write(rec);
            return null;
        }
        DocumentSink.Outcome o = sink.ingest(r.body(), r.contentType(), rec.getUrl(), publisher, year, fileName(r.finalUrl()));
        rec.setHash(id);
        if (o.refusal() != null) {
            rec.setOutcome("rejected");
            rec.setError(o.refusal());
            write(rec);
            listener.error(source.getUrl(), rec.getUrl(), "rejected", o.refusal());
            LOG.warnf("source %s: ingest refused %s: %s", source.getUrl(), rec.getUrl(), o.refusal());
            return o.refusal();
        }
        rec.setOutcome("ok");
        rec.setError(null);
        rec.setVersions(rec.getVersions() + 1);
        write(rec);
        listener.newReport(source.getUrl(), rec.getUrl(), title, o.id(), rec.getVersions());
        LOG.infof("new report%s from %s: %s %s (id %s, %s%s)", rec.getVersions() > 1 ? " version" : "", source.getUrl(), title == null ? "" : title,
                rec.getUrl(), o.id(), rec.getKind().toLowerCase(java.util.Locale.ROOT), rec.getVersions() > 1 ? ", version " + rec.getVersions() : "");
        return null;
    }

    private static boolean isHtml(Fetcher.Result r) {
        String type = Fetcher.mediaType(r.contentType());
        if (type != null && (type.contains("html") || type.startsWith("text/"))) return true;
        return io.nianbao.core.document.DocumentFormat.fromMagic(r.body()) == null;
    }

    static String fileName(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) return null;
        return java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    /** A listing's text in the charset its Content-Type or meta tag names (GBK is common), else UTF-8. */
    static String decode(byte[] body, String contentType) {
        Charset cs = null;
        try {
            cs = ReportIntake.charset(contentType);
        } catch (ReportIntake.Rejection ignored) {
            // an unknown charset: look in the page
        }
        if (cs == null) {
            String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_-]+)", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(head);
            if (m.find()) {
                try {
                    cs = io.nianbao.core.document.TextDecoding.charset(m.group(1));
                } catch (RuntimeException ignored) {
                    // unknown: UTF-8
                }
            }
        }
        return new String(body, cs == null ? StandardCharsets.UTF_8 : cs);
    }

    private FetchedPageRecord newRecord(String url, String sourceUrl, String kind, Instant now) {
        return FetchedPageRecord.newBuilder().setUrl(url).setSourceUrl(sourceUrl).setKind(kind).setOutcome("ok").setFetchedAt(now).setFirstSeenAt(now)
                .setVersions(0).build();
    }

    private void write(FetchedPageRecord rec) {
        pages.put(rec.getUrl(), FetchedPageRecord.newBuilder(rec).build());
        producer.send(new ProducerRecord<>(config.pagesTopic().name(), rec.getUrl(), rec));
    }

    // ---- the API --------------------------------------------------------------------------------

    /** Adds or replaces a source (the sources topic's record for its URL). */
    public void put(SourceRecord source) throws Exception {
        producer.send(new ProducerRecord<>(config.sourcesTopic().name(), source.getUrl(), source)).get(30, TimeUnit.SECONDS);
        sources.put(source.getUrl(), source);
    }

    /** Removes a source (a tombstone); false when there was none. */
    public boolean remove(String url) throws Exception {
        if (!sources.containsKey(url)) return false;
        producer.send(new ProducerRecord<>(config.sourcesTopic().name(), url, null)).get(30, TimeUnit.SECONDS);
        sources.remove(url);
        return true;
    }

    public Map<String, SourceRecord> sources() {
        return Map.copyOf(sources);
    }

    public Map<String, FetchedPageRecord> pages() {
        return Map.copyOf(pages);
    }

    public List<SourceView> views() {
        Map<String, Integer> brought = new HashMap<>();
        for (FetchedPageRecord p : pages.values()) {
            if (!p.getKind().equals(LISTING) && p.getVersions() > 0) brought.merge(p.getSourceUrl(), 1, Integer::sum);
        }
        List<SourceView> out = new ArrayList<>();
        for (SourceRecord s : sources.values()) {
            FetchedPageRecord listing = pages.get(s.getUrl());
            SourceState st = states.get(s.getUrl());
            Integer partition = sourcePartition.get(s.getUrl());
            String status = listing == null ? "not polled yet" : listing.getOutcome();
            String error = listing == null ? null : listing.getError();
            if (st != null && error == null && st.lastError != null) error = st.lastError;
            out.add(new SourceView(s.getUrl(), s.getPublisher(), s.getPlace(), s.getLinkPattern(), FollowConfig.format(interval(s)), s.getAddedAt(),
                    listing == null ? null : listing.getFetchedAt(), status, error, brought.getOrDefault(s.getUrl(), 0),
                    partition != null && owned.contains(partition), st == null ? null : st.nextPoll));
        }
        out.sort(java.util.Comparator.comparing(SourceView::url));
        return out;
    }

    /** Null while all is well; else why the watcher is not working. */
    public String problem() {
        Throwable t = failure.get();
        if (t != null) return "a watcher thread stopped: " + t.getMessage();
        if (!sourcesLoaded || !pagesLoaded) return "still reading " + config.sourcesTopic().name() + " and " + config.pagesTopic().name();
        return null;
    }

    public boolean loaded() {
        return sourcesLoaded && pagesLoaded;
    }

    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned);
    }

    public String instance() {
        return instance;
    }

    public FollowConfig config() {
        return config;
    }

    @Override
    public void close() {
        running = false;
        synchronized (consumers) {
            for (KafkaConsumer<?, ?> c : consumers) c.wakeup();
        }
        for (Thread t : threads) {
            if (t.getName().startsWith("follow-scheduler")) t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        polls.shutdownNow();
        producer.close(Duration.ofSeconds(5));
        fetcher.close();
    }
}
