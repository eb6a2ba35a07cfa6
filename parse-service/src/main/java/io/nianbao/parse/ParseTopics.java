package io.nianbao.parse;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/** parse-service reads reports.raw, writes reports.parsed and its dead letters. */
public class ParseTopics extends TopicsConfigSource {
    public ParseTopics() {
        super(List.of(Topics.RAW), List.of(Topics.PARSED, Topics.PARSE_FAILED));
    }
}
