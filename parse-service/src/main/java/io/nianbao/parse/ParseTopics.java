package io.nianbao.parse;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/**
 * parse-service reads reports.raw and writes reports.parsed; what it cannot read or parse goes to
 * reports.parse-failed through SmallRye's dead-letter queue.
 */
public class ParseTopics extends TopicsConfigSource {
    public ParseTopics() {
        super(List.of(Topics.RAW), List.of(Topics.PARSED));
        deadLetters(Topics.RAW, Topics.PARSE_FAILED, "parse");
    }
}
