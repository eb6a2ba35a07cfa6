package io.nianbao.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.DeadLetterStore;
import io.nianbao.contracts.DeadLetters;
import io.nianbao.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Dead letters listed with their reasons and sent back, once, to the topic they came from (real broker). */
class DeadLetterStoreTest {

    @Test
    void listsDeadLettersAndReplaysEachOnceToItsSource() {
        byte[] bytes = "bytes that failed".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = DeadLetters.headers("the record is not a ValidatedReportRecord: Magic byte!", "aggregate",
                "reports.validated/1/17", new IllegalArgumentException());
        headers.add("trace", "kept".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-reason", "smallrye's".getBytes(StandardCharsets.UTF_8));
        send(Topics.AGGREGATE_FAILED.name(), "k-aggregate", bytes, headers);
        // no source header: it goes back to the input of the stage the topic belongs to
        send(Topics.VALIDATE_FAILED.name(), "k-validate", bytes, new RecordHeaders());

        DeadLetterStore store = new DeadLetterStore(TestKafka.bootstrapServers(), TestKafka.SETTINGS);
        List<DeadLetterStore.Letter> letters = store.list(Topics.DEAD_LETTER_TOPICS);
        DeadLetterStore.Letter aggregate = letters.stream().filter(l -> "k-aggregate".equals(l.key())).findFirst().orElseThrow();
        assertThat(aggregate.reason()).isEqualTo("the record is not a ValidatedReportRecord: Magic byte!");
        assertThat(aggregate.stage()).isEqualTo("aggregate");
        assertThat(aggregate.source()).isEqualTo("reports.validated/1/17");
        assertThat(aggregate.exception()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(aggregate.value()).isEqualTo(bytes);
        assertThat(aggregate.sourceTopic()).isEqualTo("reports.validated");
        assertThat(letters.stream().filter(l -> "k-validate".equals(l.key())).findFirst().orElseThrow().sourceTopic()).isEqualTo("reports.parsed");

        DeadLetterStore.Replay first = store.replay(Topics.DEAD_LETTER_TOPICS, false);
        assertThat(first.sent()).extracting(DeadLetterStore.Letter::key).contains("k-aggregate", "k-validate");
        List<ConsumerRecord<String, byte[]>> back = TestConsumer.readBytes(Topics.VALIDATED.name(), r -> "k-aggregate".equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(back).hasSize(1);
        ConsumerRecord<String, byte[]> replayed = back.getFirst();
        assertThat(replayed.value()).isEqualTo(bytes);
        assertThat(TestConsumer.header(replayed, "trace")).isEqualTo("kept");
        assertThat(TestConsumer.header(replayed, DeadLetterStore.REPLAYED_FROM)).startsWith("reports.aggregate-failed/");
        assertThat(replayed.headers().lastHeader(DeadLetters.REASON)).isNull();
        assertThat(replayed.headers().lastHeader("dead-letter-reason")).isNull();
        assertThat(TestConsumer.readBytes(Topics.PARSED.name(), r -> "k-validate".equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(30)))
                .hasSize(1);

        // a letter whose record was partitioned by its lineage goes back to the lineage's partition, not the key's
        int partitions = TestKafka.SETTINGS.partitions();
        String lineage = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "https://example.gov.cn/" + i + ".html")
                .filter(l -> io.nianbao.contracts.LineagePartitioner.partition(l, partitions)
                        != io.nianbao.contracts.LineagePartitioner.partition("k-lineage", partitions))
                .findFirst().orElseThrow(() -> new IllegalStateException("the topics need two partitions or more for this test"));
        RecordHeaders byLineage = new RecordHeaders();
        io.nianbao.contracts.LineagePartitioner.addHeader(byLineage, lineage);
        send(Topics.VALIDATE_FAILED.name(), "k-lineage", bytes, byLineage);
        assertThat(store.replay(List.of(Topics.VALIDATE_FAILED), false).sent()).extracting(DeadLetterStore.Letter::key).containsExactly("k-lineage");
        assertThat(TestConsumer.readBytes(Topics.PARSED.name(), r -> "k-lineage".equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::partition).containsExactly(io.nianbao.contracts.LineagePartitioner.partition(lineage, partitions));
        // on a topic partitioned by key (reports.validated, a compacted table) the header means nothing: by key
        send(Topics.AGGREGATE_FAILED.name(), "k-lineage", bytes, byLineage);
        assertThat(store.replay(List.of(Topics.AGGREGATE_FAILED), false).sent()).extracting(DeadLetterStore.Letter::key).containsExactly("k-lineage");
        assertThat(TestConsumer.readBytes(Topics.VALIDATED.name(), r -> "k-lineage".equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::partition).containsExactly(io.nianbao.contracts.LineagePartitioner.partition("k-lineage", partitions));

        // a second replay sends nothing again; --from-beginning sends everything again
        assertThat(store.replay(Topics.DEAD_LETTER_TOPICS, false).sent()).extracting(DeadLetterStore.Letter::key).doesNotContain("k-aggregate", "k-validate");
        assertThat(store.replay(List.of(Topics.AGGREGATE_FAILED), true).sent()).extracting(DeadLetterStore.Letter::key).contains("k-aggregate");
        assertThat(TestConsumer.readBytes(Topics.VALIDATED.name(), r -> "k-aggregate".equals(r.key()), found -> found.size() >= 2, Duration.ofSeconds(30)))
                .hasSize(2);
    }

    private static void send(String topic, String key, byte[] value, RecordHeaders headers) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
