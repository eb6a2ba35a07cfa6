package io.nianbao.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.nianbao.contracts.Topic;
import io.nianbao.contracts.Topics;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The checked-in KafkaTopics are exactly what the contracts' topic declarations generate. */
class KafkaTopicsManifestTest {

    private static final Path TOPICS = Manifests.root().resolve("base/kafka-topics.yaml");

    static Map<String, String> deploymentEnv() {
        return Manifests.read(List.of(Manifests.root().resolve("base/config.yaml"))).get(0).as(ConfigMap.class).getData();
    }

    @Test
    void theCheckedInTopicsAreTheGeneratedOnes() throws Exception {
        String generated = KafkaTopicManifests.yaml(Topics.ALL, deploymentEnv());
        if (Boolean.getBoolean("nianbao.k8s.regenerate")) Files.writeString(TOPICS, generated, StandardCharsets.UTF_8);
        assertThat(Files.readString(TOPICS, StandardCharsets.UTF_8))
                .as("deploy/k8s/base/kafka-topics.yaml is out of date with Topics.ALL: regenerate it (command in its header)")
                .isEqualTo(generated);
    }

    @Test
    void everyDeclaredTopicHasAKafkaTopicWithTheDeclaredSettings() {
        Map<String, KafkaTopic> byTopic = Manifests.read(List.of(TOPICS)).stream()
                .map(r -> r.as(KafkaTopic.class))
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));
        assertThat(byTopic.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
        Map<String, String> env = deploymentEnv();
        for (Topic<?> topic : Topics.ALL) {
            KafkaTopic t = byTopic.get(topic.name());
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "nianbao");
            assertThat(t.getSpec().getPartitions()).isEqualTo(Integer.parseInt(env.get("NIANBAO_PARTITIONS")));
            assertThat(t.getSpec().getReplicas()).isEqualTo(Stack.REPLICATION_FACTOR);
            assertThat(t.getSpec().getConfig()).containsEntry("min.insync.replicas", String.valueOf(Stack.MIN_INSYNC_REPLICAS))
                    .containsEntry("cleanup.policy", topic.compacted() ? "compact" : "delete");
        }
    }

    @Test
    void topicNamesBecomeValidResourceNames() {
        assertThat(KafkaTopicManifests.resourceName("reports.parse-failed")).isEqualTo("reports.parse-failed");
        assertThat(KafkaTopicManifests.resourceName("Reports_Raw")).isEqualTo("reports-raw");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaTopicManifests.resourceName(".x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
