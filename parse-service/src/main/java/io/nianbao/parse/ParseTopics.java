package io.nianbao.parse;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/**
 * parse-service reads reports.raw and writes reports.parsed; what it cannot read or parse goes to
 * reports.parse-failed through SmallRye's dead-letter queue (transient failures are retried first).
 */
public class ParseTopics extends TopicsConfigSource {
    public ParseTopics() {
        super(List.of(Topics.RAW), List.of(Topics.PARSED));
        deadLetters(Topics.RAW, Topics.PARSE_FAILED, "parse");
        // a registry that cannot be reached is retried, not taken for a bad record
        put("mp.messaging.incoming." + Topics.RAW.channel() + ".value-deserialization-failure-handler", RetryTransientDeserialization.NAME);
    }
}
