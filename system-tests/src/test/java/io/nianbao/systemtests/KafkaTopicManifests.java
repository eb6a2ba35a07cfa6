package io.nianbao.systemtests;

import io.nianbao.contracts.Topic;
import io.nianbao.contracts.TopicAdmin;
import io.nianbao.contracts.TopicSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes deploy/k8s/base/kafka-topics.yaml: a Strimzi KafkaTopic for every topic the contracts module
 * declares ({@code Topics.ALL}), with the partitions, replication factor and min.insync.replicas the
 * deployment gives the services (NIANBAO_PARTITIONS, NIANBAO_REPLICATION_FACTOR, NIANBAO_MIN_INSYNC_REPLICAS
 * in the ConfigMap nianbao-config), and the configuration contracts gives each kind of topic
 * ({@link TopicAdmin#configs}: cleanup policy, retention, max.message.bytes, min.insync.replicas).
 */
final class KafkaTopicManifests {

    static final String CLUSTER = "nianbao";

    static String yaml(List<Topic<?>> topics, Map<String, String> deploymentEnv) {
        required(deploymentEnv, TopicSettings.PARTITIONS_ENV);
        required(deploymentEnv, TopicSettings.REPLICATION_FACTOR_ENV);
        required(deploymentEnv, TopicSettings.MIN_INSYNC_REPLICAS_ENV);
        // the same settings the services and `topics create` apply: one declaration, no copy
        TopicSettings settings = TopicSettings.from(deploymentEnv);
        int partitions = settings.partitions();
        int replicas = settings.replicationFactor();
        StringBuilder out = new StringBuilder();
        out.append("# GENERATED from the contracts module's topic declarations (io.nianbao.contracts.Topics.ALL) and\n")
                .append("# the partitions and replication in config.yaml, by system-tests' KafkaTopicsManifestTest.\n")
                .append("# Do not edit: regenerate with\n")
                .append("#   ./mvnw -B -pl system-tests -am test -Dtest=KafkaTopicsManifestTest -Dnianbao.k8s.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false\n");
        for (Topic<?> topic : topics) {
            Map<String, String> config = new TreeMap<>(TopicAdmin.configs(topic, settings));
            out.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic.name())).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(partitions).append('\n')
                    .append("  replicas: ").append(replicas).append('\n')
                    .append("  config:\n");
            config.forEach((k, v) -> out.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        }
        return out.toString();
    }

    /** A Kubernetes resource name for a topic: lower case, dots kept (a DNS subdomain), nothing else. */
    static String resourceName(String topic) {
        String name = topic.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        if (!name.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) throw new IllegalArgumentException("no resource name for topic " + topic);
        return name;
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) throw new IllegalStateException("config.yaml sets no " + name);
        return v;
    }

    private KafkaTopicManifests() {
    }
}
