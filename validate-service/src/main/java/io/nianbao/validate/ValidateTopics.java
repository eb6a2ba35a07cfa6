package io.nianbao.validate;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/** validate-service reads reports.parsed, writes validated reports, issues and its dead letters. */
public class ValidateTopics extends TopicsConfigSource {
    public ValidateTopics() {
        super(List.of(Topics.PARSED), List.of(Topics.VALIDATED, Topics.ISSUES, Topics.VALIDATE_FAILED));
    }
}
