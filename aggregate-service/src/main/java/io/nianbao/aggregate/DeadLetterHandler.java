package io.nianbao.aggregate;

import io.nianbao.contracts.StreamsDeadLetterHandler;
import io.nianbao.contracts.Topics;

/** aggregate-service's records that are not validated reports, or that cannot be aggregated: to reports.aggregate-failed. */
public class DeadLetterHandler extends StreamsDeadLetterHandler {

    public static final String STAGE = "aggregate";
    public static final String METRIC = metric(STAGE);

    public DeadLetterHandler() {
        super(STAGE, Topics.VALIDATED, Topics.AGGREGATE_FAILED);
    }
}
