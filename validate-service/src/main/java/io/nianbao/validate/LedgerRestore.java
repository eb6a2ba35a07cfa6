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
import org.jboss.logging.Logger;

/** Rebuilds the ledger from reports.validated (its latest record per issuer and year is the state). */
final class LedgerRestore {

    private static final Logger LOG = Logger.getLogger(LedgerRestore.class);

    private LedgerRestore() {
    }

    static void restore(ValidationLedger ledger, String bootstrap, String registryUrl) {
        Map<String, Object> config = Topics.VALIDATED.consumerConfig(bootstrap, registryUrl, "nianbao-validate-restore-" + UUID.randomUUID());
        int restored = 0;
        try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VALIDATED.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, GenericRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    ValidatedReportRecord v = Topics.VALIDATED.fromGeneric(r.value());
                    if (v == null) continue;
                    ledger.restore(AvroMapping.fromRecord(v.getReport()),
                            new ValidationResult(v.getStatus(), v.getFindings().stream().map(AvroMapping::fromRecord).toList()));
                    restored++;
                }
            }
        }
        LOG.infof("restored %d validated reports (%d issuers and years) from %s", restored, ledger.size(), Topics.VALIDATED.name());
    }
}
