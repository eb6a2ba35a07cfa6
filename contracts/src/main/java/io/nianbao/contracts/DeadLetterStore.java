package io.nianbao.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topics as a store: every dead letter with its reason, and a replay that sends each
 * one, as it is (key, value bytes and the headers it came with), back to the topic it came from, so the
 * stage that failed tries again after a fix. A replay remembers how far it got (the consumer group
 * {@value #REPLAY_GROUP}), so a second replay sends only what has been dead-lettered since.
 */
public final class DeadLetterStore {

    public static final String REPLAY_GROUP = "nianbao-dead-letters-replay";
    /** Header on a replayed record: the dead letter it came from (topic/partition/offset). */
    public static final String REPLAYED_FROM = "nianbao.replayed-from";

    private final String bootstrap;
    private final TopicSettings settings;

    public DeadLetterStore(String bootstrap, TopicSettings settings) {
        this.bootstrap = bootstrap;
        this.settings = settings;
    }

    /** One dead letter: where it is, where it came from, and why. */
    public record Letter(String topic, int partition, long offset, Instant timestamp, String key, byte[] value, List<Header> headers,
                         String reason, String stage, String source, String exception) {

        /** The topic this letter goes back to: the one named in its source header, else its stage's input. */
        public String sourceTopic() {
            if (source != null && source.indexOf('/') > 0) return source.substring(0, source.indexOf('/'));
            return Topics.deadLetterSource(topic).map(Topic::name).orElse(null);
        }

        public String position() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    /** Every dead letter of {@code topics}, oldest first per partition. */
    public List<Letter> list(Collection<Topic<?>> topics) {
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("nianbao-dead-letters-list")) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readToEnd(consumer, partitions, r -> letters.add(letter(r)));
        }
        return letters;
    }

    /** What a replay did: the letters it sent back, and those it could not (no known source topic). */
    public record Replay(List<Letter> sent, List<Letter> skipped) {
    }

    /**
     * Sends every dead letter of {@code topics} not replayed before (all of them with
     * {@code fromBeginning}) back to its source topic, and remembers how far it got once the broker
     * has acknowledged them.
     */
    public Replay replay(Collection<Topic<?>> topics, boolean fromBeginning) {
        List<Letter> sent = new ArrayList<>();
        List<Letter> skipped = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(REPLAY_GROUP);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition p : partitions) {
                OffsetAndMetadata at = committed.get(p);
                if (fromBeginning || at == null) consumer.seekToBeginning(List.of(p));
                else consumer.seek(p, at.offset());
            }
            List<Future<?>> acks = new ArrayList<>();
            readToEnd(consumer, partitions, r -> {
                Letter letter = letter(r);
                String target = letter.sourceTopic();
                if (target == null) {
                    skipped.add(letter);
                    return;
                }
                RecordHeaders headers = new RecordHeaders();
                for (Header h : letter.headers()) if (!isFailureHeader(h.key())) headers.add(h);
                headers.add(REPLAYED_FROM, letter.position().getBytes(StandardCharsets.UTF_8));
                // a record partitioned by something other than its key goes back to that partition (LineagePartitioner)
                Header partitionKey = Topics.named(target).flatMap(Topics::partitioner).isEmpty() ? null
                        : r.headers().lastHeader(LineagePartitioner.PARTITION_KEY_HEADER);
                Integer partition = partitionKey == null || partitionKey.value() == null ? null
                        : LineagePartitioner.partition(new String(partitionKey.value(), StandardCharsets.UTF_8), producer.partitionsFor(target).size());
                acks.add(producer.send(new ProducerRecord<>(target, partition, r.key(), r.value(), headers)));
                sent.add(letter);
            });
            for (Future<?> ack : acks) ack.get();
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (TopicPartition p : partitions) done.put(p, new OffsetAndMetadata(consumer.position(p)));
            consumer.commitSync(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the broker refused a replayed record: " + e.getCause().getMessage(), e.getCause());
        }
        return new Replay(sent, skipped);
    }

    /** The headers a stage adds when it dead-letters (ours and SmallRye's): a replayed record goes back without them. */
    static boolean isFailureHeader(String name) {
        return name.startsWith("nianbao.failure.") || name.startsWith("dead-letter-") || name.startsWith("deserialization-failure-")
                || name.equals(REPLAYED_FROM);
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> r) {
        List<Header> headers = List.of(r.headers().toArray());
        return new Letter(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(), headers,
                text(r, DeadLetters.REASON), text(r, DeadLetters.STAGE), text(r, DeadLetters.SOURCE), text(r, DeadLetters.EXCEPTION));
    }

    private static String text(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Collection<Topic<?>> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?> t : topics) {
            var infos = consumer.partitionsFor(t.name(), Duration.ofSeconds(30));
            if (infos != null) infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    private static void readToEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                  java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) each.accept(r);
            }
        }
        // stop at the end seen at the start: letters written meanwhile wait for the next run
        for (TopicPartition p : partitions) if (consumer.position(p) > end.get(p)) consumer.seek(p, end.get(p));
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.putAll(KafkaClientSecurity.fromEnvironment());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.maxRecordBytes());
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.putAll(KafkaClientSecurity.fromEnvironment());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, TopicsConfigSource.COMPRESSION);
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxRecordBytes());
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
