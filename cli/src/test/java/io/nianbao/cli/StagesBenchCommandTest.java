package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StagesBenchCommandTest {

    private static final TopicPartition PARSED_0 = new TopicPartition("reports.parsed", 0);
    private static final TopicPartition PARSED_1 = new TopicPartition("reports.parsed", 1);
    private static final TopicPartition BY_ISSUER_0 = new TopicPartition("nianbao-validate-by-issuer-repartition", 0);

    @Test
    void aStageHasDrainedOnlyWhenEveryPartitionItReadsIsCommittedToItsEnd() {
        Map<TopicPartition, Long> ends = Map.of(PARSED_0, 120L, PARSED_1, 80L, BY_ISSUER_0, 50L);
        // its source read to the end, the repartition it writes for itself not yet
        assertThat(StagesBenchCommand.lag(Map.of(PARSED_0, new OffsetAndMetadata(120), PARSED_1, new OffsetAndMetadata(80), BY_ISSUER_0, new OffsetAndMetadata(45)), ends))
                .isEqualTo(5);
        assertThat(StagesBenchCommand.lag(Map.of(PARSED_0, new OffsetAndMetadata(120), PARSED_1, new OffsetAndMetadata(80), BY_ISSUER_0, new OffsetAndMetadata(50)), ends))
                .isZero();
        // a partition never committed counts from its beginning
        assertThat(StagesBenchCommand.lag(Map.of(PARSED_0, new OffsetAndMetadata(120)), Map.of(PARSED_0, 120L, PARSED_1, 80L))).isEqualTo(80);
    }

    @Test
    void theStagesAreTheThreeProcessingServicesInPipelineOrder() {
        assertThat(StagesBenchCommand.STAGES).extracting(StagesBenchCommand.Stage::service).containsExactly("parse", "validate", "aggregate");
        // parse commits every few seconds: its end is counted in records written, the Streams stages' in commits
        assertThat(StagesBenchCommand.STAGES).extracting(StagesBenchCommand.Stage::countsOutput).containsExactly(true, false, false);
    }
}
