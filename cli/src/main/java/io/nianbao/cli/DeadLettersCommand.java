package io.nianbao.cli;

import io.nianbao.contracts.DeadLetterStore;
import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicSettings;
import io.nianbao.contracts.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dead-letters", description = {
        "List the dead letters (records a stage could not read or handle) with their reasons, or send them back to the topic they came from (replay).",
        "A replay sends each letter once: a second replay sends only what was dead-lettered since (--from-beginning: all of them again)."})
final class DeadLettersCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ACTION", arity = "0..1", description = "list (default) or replay")
    String action = "list";

    @Mixin
    StackOptions.Kafka kafka;

    @Option(names = "--topic", description = "only this dead-letter topic (reports.parse-failed, reports.validate-failed, reports.aggregate-failed)")
    String topic;

    @Option(names = "--from-beginning", description = "replay: every letter, also those replayed before")
    boolean fromBeginning;

    @Override
    public Integer call() {
        List<Topic<?>> topics = Topics.DEAD_LETTER_TOPICS;
        if (topic != null) {
            topics = Topics.DEAD_LETTER_TOPICS.stream().filter(t -> t.name().equals(topic)).toList();
            if (topics.isEmpty()) {
                System.err.println("not a dead-letter topic: " + topic + " (the dead-letter topics are "
                        + String.join(", ", Topics.DEAD_LETTER_TOPICS.stream().map(Topic::name).toList()) + ")");
                return 2;
            }
        }
        DeadLetterStore store = new DeadLetterStore(kafka.bootstrap, TopicSettings.fromEnvironment());
        switch (action) {
            case "list" -> {
                List<DeadLetterStore.Letter> letters = store.list(topics);
                for (DeadLetterStore.Letter l : letters) {
                    System.out.printf("%-30s %s  key %s  %,d bytes%n  stage %s, from %s%s%n  reason: %s%n",
                            l.position(), l.timestamp(), l.key(), l.value() == null ? 0 : l.value().length,
                            or(l.stage()), or(l.source()), l.exception() == null ? "" : ", " + l.exception(), or(l.reason()));
                }
                System.out.println(letters.size() + " dead letters");
                return 0;
            }
            case "replay" -> {
                DeadLetterStore.Replay replay = store.replay(topics, fromBeginning);
                for (DeadLetterStore.Letter l : replay.sent()) System.out.printf("%-30s → %s%n", l.position(), l.sourceTopic());
                for (DeadLetterStore.Letter l : replay.skipped()) System.out.printf("%-30s skipped: no source topic known%n", l.position());
                System.out.println("replayed " + replay.sent().size() + (replay.skipped().isEmpty() ? "" : ", skipped " + replay.skipped().size()));
                return 0;
            }
            default -> {
                System.err.println("unknown action '" + action + "': list or replay");
                return 2;
            }
        }
    }

    private static String or(String s) {
        return s == null ? "unknown" : s;
    }
}
