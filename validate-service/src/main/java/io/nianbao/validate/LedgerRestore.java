package io.nianbao.validate;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.validate.ValidationLedger;
import io.nianbao.core.validate.ValidationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.jboss.logging.Logger;

/** Rebuilds the ledger from reports.validated (its latest record per issuer and year is the state). */
final class LedgerRestore {

    private static final Logger LOG = Logger.getLogger(LedgerRestore.class);

    private LedgerRestore() {
    }

    static void restore(ValidationLedger ledger, String bootstrap, String registryUrl) {
        Map<String, Object> config = Topics.VALIDATED.consumerConfig(bootstrap, registryUrl, "nianbao-validate-restore-" + UUID.randomUUID());
        int restored = 0;
        int skipped = 0;
        try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VALIDATED.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                org.apache.kafka.clients.consumer.ConsumerRecords<String, GenericRecord> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (RecordDeserializationException e) {
                    // a record that is not a validated report is no state: step over it (aggregate-service dead-letters it)
                    LOG.warnf("skipping %s/%d at offset %d while restoring: %s", e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    skipped++;
                    continue;
                }
                for (ConsumerRecord<String, GenericRecord> r : records) {
                    ValidatedReportRecord v;
                    try {
                        v = Topics.VALIDATED.fromGeneric(r.value());
                    } catch (RuntimeException e) {
                        LOG.warnf("skipping %s/%d/%d while restoring: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
                        skipped++;
                        continue;
                    }
                    if (v == null) continue;
                    ledger.restore(AvroMapping.fromRecord(v.getReport()),
                            new ValidationResult(v.getStatus(), v.getFindings().stream().map(AvroMapping::fromRecord).toList()));
                    restored++;
                }
            }
        }
        LOG.infof("restored %d validated reports (%d issuers and years) from %s, skipped %d unreadable records", restored, ledger.size(), Topics.VALIDATED.name(), skipped);
    }
}
