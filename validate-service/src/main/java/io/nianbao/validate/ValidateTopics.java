package io.nianbao.validate;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/**
 * validate-service is a Kafka Streams application: it reads reports.parsed and writes reports.validated
 * and validation.issues (and reports.validate-failed) from one transaction per commit.
 */
public class ValidateTopics extends TopicsConfigSource {
    public ValidateTopics() {
        super(List.of(), List.of());
        kafkaStreams(List.of(Topics.PARSED, Topics.VALIDATED, Topics.ISSUES, Topics.VALIDATE_FAILED));
    }
}
