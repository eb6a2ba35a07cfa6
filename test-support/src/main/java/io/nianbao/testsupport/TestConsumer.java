package io.nianbao.testsupport;

import io.nianbao.contracts.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads a topic from the beginning as Avro GenericRecords (a test's class loader and the application's
 * differ under @QuarkusTest, so specific records would not cast).
 */
public final class TestConsumer {

    private TestConsumer() {
    }

    /** Reads until {@code done} holds for what was read so far, or the time is up; returns the matching records. */
    public static List<ConsumerRecord<String, GenericRecord>> read(Topic<?> topic, Predicate<ConsumerRecord<String, GenericRecord>> filter,
                                                                   Predicate<List<ConsumerRecord<String, GenericRecord>>> done, Duration within) {
        Map<String, Object> config = topic.consumerConfig(TestKafka.bootstrapServers(), TestRegistry.url(), "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, GenericRecord>> found = new ArrayList<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(TestConsumer.class.getClassLoader());
        try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && !done.test(found)) {
                for (ConsumerRecord<String, GenericRecord> r : consumer.poll(Duration.ofMillis(300))) {
                    if (filter.test(r)) found.add(r);
                }
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return found;
    }

    /** Reads a topic from the beginning as raw bytes (dead letters keep the bytes they were read as). */
    public static List<ConsumerRecord<String, byte[]>> readBytes(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                                 Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration within) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && !done.test(found)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (filter.test(r)) found.add(r);
                }
            }
        }
        return found;
    }

    /** A header's value as text, null when absent. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
