package io.nianbao.cli;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", description = {"Follow validation issues live from the validation.issues topic.",
        "Filters use the record headers (province, issuer, severity, rule), so nothing else is decoded."})
final class WatchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", description = "what to watch: issues", defaultValue = "issues")
    String what;

    @Option(names = "--province", description = "only this province, e.g. 江西省")
    String province;

    @Option(names = "--issuer", description = "only this issuer")
    String issuer;

    @Option(names = "--severity", description = "only this severity: error, warning, info")
    String severity;

    @Option(names = "--rule", description = "only this rule, e.g. APP_BALANCE")
    String rule;

    @Option(names = "--from-beginning", description = "start with the issues already on the topic")
    boolean fromBeginning;

    @Option(names = "--until-idle", description = "stop once the topic has been read to its end (for scripts)")
    boolean untilIdle;

    @Mixin
    StackOptions.Kafka kafka;

    @Mixin
    StackOptions.SchemaRegistry schemas;

    @Override
    public Integer call() {
        if (!what.equals("issues")) {
            System.err.println("only 'watch issues' exists; aggregates are live at the aggregate-service's /api/aggregates and dashboard");
            return 2;
        }
        Map<String, Object> config = Topics.ISSUES.consumerConfig(kafka.bootstrap, schemas.registry, "nianbao-watch-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ISSUES.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) consumer.seekToBeginning(partitions);
            else consumer.seekToEnd(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (!untilIdle) System.err.println("watching " + Topics.ISSUES.name() + " (Ctrl-C to stop)");
            while (true) {
                for (ConsumerRecord<String, GenericRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!matches(r)) continue;
                    ValidationIssueRecord issue = Topics.ISSUES.fromGeneric(r.value());
                    System.out.println(line(issue));
                }
                if (untilIdle && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) return 0;
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            System.err.println("Kafka does not answer at " + kafka.bootstrap + ": start the stack with ./nianbao up (or set --bootstrap)");
            return 3;
        }
    }

    private boolean matches(ConsumerRecord<String, GenericRecord> r) {
        return eq(header(r, "province"), province) && eq(header(r, "issuer"), issuer)
                && eq(header(r, "severity"), severity) && eq(header(r, "rule"), rule);
    }

    private static boolean eq(String actual, String wanted) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }

    static String line(ValidationIssueRecord i) {
        String location = (i.getSection() == null ? "" : i.getSection()) + (i.getRow() == null ? "" : "." + i.getRow())
                + (i.getColumn() == null ? "" : "[" + i.getColumn() + "]");
        return String.format("%-9s %-7s %-20s %s %s %s  %s  %s", i.getAction(), i.getSeverity(), i.getRule(),
                i.getProvince() == null ? "(province?)" : i.getProvince(), i.getIssuer() == null ? "(issuer?)" : i.getIssuer(),
                i.getReportYear() == null ? "(year?)" : i.getReportYear(), location, i.getMessageZh());
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
