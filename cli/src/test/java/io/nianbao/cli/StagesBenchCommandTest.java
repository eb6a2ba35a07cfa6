package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        Map<TopicPartition, Long> starts = Map.of(PARSED_0, 0L, PARSED_1, 0L, BY_ISSUER_0, 30L);
        // its source read to the end, the repartition it writes for itself not yet
        assertThat(StagesBenchCommand.lag(Map.of(PARSED_0, new OffsetAndMetadata(120), PARSED_1, new OffsetAndMetadata(80), BY_ISSUER_0, new OffsetAndMetadata(45)), ends, starts))
                .isEqualTo(5);
        assertThat(StagesBenchCommand.lag(Map.of(PARSED_0, new OffsetAndMetadata(120), PARSED_1, new OffsetAndMetadata(80), BY_ISSUER_0, new OffsetAndMetadata(50)), ends, starts))
                .isZero();
        // a fresh stack: nothing committed yet is all still to read, from the first record the topic still holds
        assertThat(StagesBenchCommand.lag(Map.of(), ends, starts)).isEqualTo(120 + 80 + 20);
    }

    @Test
    void aStreamsStageReadsItsSourceAndItsOwnRepartitionsOnly() {
        StagesBenchCommand.Stage validate = StagesBenchCommand.STAGES.get(1);
        List<String> topics = List.of("reports.parsed", "reports.validated", "nianbao-validate-by-issuer-repartition",
                "nianbao-validate-validation-ledger-changelog", "nianbao-aggregate-contributions-by-province-repartition");
        assertThat(StagesBenchCommand.readTopics(validate, topics)).containsExactly("reports.parsed", "nianbao-validate-by-issuer-repartition");
    }

    @Test
    void theGroupsAreTheServicesOwn() throws Exception {
        // the Streams stages' groups are their application ids, parse's its channel's group: read from the services' own configuration
        Map<String, String> declared = Map.of(
                "parse", "mp.messaging.incoming.reports-raw.group.id",
                "validate", "quarkus.kafka-streams.application-id",
                "aggregate", "quarkus.kafka-streams.application-id");
        for (StagesBenchCommand.Stage stage : StagesBenchCommand.STAGES) {
            java.util.Properties properties = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("..", stage.service() + "-service", "src", "main", "resources", "application.properties"))) {
                properties.load(in);
            }
            assertThat(properties.getProperty(declared.get(stage.service()))).as(stage.service()).isEqualTo(stage.group());
        }
    }
}
