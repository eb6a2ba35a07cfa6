package io.nianbao.validate;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/**
 * validate-service reads reports.parsed, writes validated reports and issues; what it cannot read or
 * validate goes to reports.validate-failed through SmallRye's dead-letter queue.
 */
public class ValidateTopics extends TopicsConfigSource {
    public ValidateTopics() {
        super(List.of(Topics.PARSED), List.of(Topics.VALIDATED, Topics.ISSUES));
        deadLetters(Topics.PARSED, Topics.VALIDATE_FAILED, "validate");
    }
}
