package io.nianbao.cli;

import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicAdmin;
import io.nianbao.contracts.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "topics", description = "List the pipeline's topics, or create the missing ones (create).")
final class TopicsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ACTION", arity = "0..1", description = "list (default) or create")
    String action = "list";

    @Option(names = "--bootstrap", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
    String bootstrap;

    @Option(names = "--partitions", defaultValue = "2", description = "partitions of new topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Override
    public Integer call() {
        if (action.equals("create")) {
            List<String> created = TopicAdmin.create(bootstrap, Topics.ALL, partitions);
            System.out.println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
            return 0;
        }
        for (Topic<?> t : Topics.ALL) {
            System.out.printf("%-26s %-24s %s%n", t.name(), t.valueType().getSimpleName(), t.compacted() ? "compacted" : "");
        }
        return 0;
    }
}
