package io.nianbao.cli;

import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicAdmin;
import io.nianbao.contracts.TopicSettings;
import io.nianbao.contracts.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "topics", description = "List the pipeline's topics as declared, or create the missing ones and bring existing ones to their declared configuration (create).")
final class TopicsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ACTION", arity = "0..1", description = "list (default) or create")
    String action = "list";

    @Mixin
    StackOptions.Kafka kafka;

    @Option(names = "--partitions", defaultValue = "${env:NIANBAO_PARTITIONS:-2}", description = "partitions of new topics (default: NIANBAO_PARTITIONS, else 2)")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "${env:NIANBAO_REPLICATION_FACTOR:-1}", description = "replicas of new topics (default: NIANBAO_REPLICATION_FACTOR, else 1)")
    short replicationFactor;

    @Option(names = "--min-insync-replicas", defaultValue = "${env:NIANBAO_MIN_INSYNC_REPLICAS:-1}", description = "min.insync.replicas (default: NIANBAO_MIN_INSYNC_REPLICAS, else 1)")
    int minInsyncReplicas;

    @Override
    public Integer call() {
        TopicSettings settings = TopicSettings.fromEnvironment().with(partitions, replicationFactor, minInsyncReplicas);
        if (action.equals("create")) {
            TopicAdmin.Result result = TopicAdmin.create(kafka.bootstrap, Topics.ALL, settings);
            if (result.created().isEmpty() && result.updated().isEmpty()) System.out.println("all topics exist as declared");
            if (!result.created().isEmpty()) System.out.println("created " + String.join(", ", result.created()));
            if (!result.updated().isEmpty()) System.out.println("configured " + String.join(", ", result.updated()));
            return 0;
        }
        System.out.printf("%-26s %-24s %-13s %s%n", "topic", "value", "kind", "config");
        for (Topic<?> t : Topics.ALL) {
            System.out.printf("%-26s %-24s %-13s %s%n", t.name(), t.valueType().getSimpleName(), t.kind().name().toLowerCase().replace('_', ' '),
                    TopicAdmin.configs(t, settings));
        }
        System.out.printf("partitions %d, replication factor %d, min.insync.replicas %d, largest record %d bytes%n",
                settings.partitions(), settings.replicationFactor(), settings.minInsyncReplicas(), settings.maxRecordBytes());
        return 0;
    }
}
