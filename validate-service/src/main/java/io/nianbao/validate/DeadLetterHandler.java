package io.nianbao.validate;

import io.nianbao.contracts.StreamsDeadLetterHandler;
import io.nianbao.contracts.Topics;

/** validate-service's records that are not parsed reports, or that its topology throws on: to reports.validate-failed. */
public class DeadLetterHandler extends StreamsDeadLetterHandler {

    public static final String STAGE = "validate";

    public DeadLetterHandler() {
        super(STAGE, Topics.PARSED, Topics.VALIDATE_FAILED);
    }
}
