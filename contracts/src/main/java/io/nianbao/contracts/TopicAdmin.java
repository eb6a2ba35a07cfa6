package io.nianbao.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The pipeline's topics as declared by their {@link Topic.Kind} and the deployment's {@link TopicSettings}:
 * created when missing and brought to their declared configuration when they exist (idempotent). Used by
 * {@code ./nianbao topics create} and by the tests' broker.
 */
public final class TopicAdmin {

    /** How long a stream's events are kept. */
    public static final Duration STREAM_RETENTION = Duration.ofDays(7);
    /** How long dead letters are kept: long enough to fix the cause and replay them. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private TopicAdmin() {
    }

    /** What happened to each topic. */
    public record Result(List<String> created, List<String> updated) {
    }

    /** The configuration a topic of this kind gets under these settings. */
    public static Map<String, String> configs(Topic<?> topic, TopicSettings settings) {
        Map<String, String> c = new LinkedHashMap<>();
        switch (topic.kind()) {
            case TABLE -> {
                c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                c.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            }
            case STREAM -> {
                c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
                c.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(STREAM_RETENTION.toMillis()));
            }
            case DEAD_LETTERS -> {
                c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
                c.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(DEAD_LETTER_RETENTION.toMillis()));
            }
        }
        c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(settings.maxRecordBytes()));
        c.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        return c;
    }

    public static NewTopic newTopic(Topic<?> topic, TopicSettings settings) {
        return new NewTopic(topic.name(), settings.partitions(), settings.replicationFactor()).configs(configs(topic, settings));
    }

    /**
     * Creates every missing topic of {@code topics} and sets the declared configuration on those that
     * exist (their partitions are left as they are: changing them would move keys).
     */
    public static Result create(String bootstrap, Collection<Topic<?>> topics, TopicSettings settings) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putAll(KafkaClientSecurity.fromEnvironment());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            for (Topic<?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    try {
                        admin.createTopics(List.of(newTopic(topic, settings))).all().get();
                        created.add(topic.name());
                        continue;
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("could not create " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                }
                if (align(admin, topic, settings)) updated.add(topic.name());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list the topics at " + bootstrap + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Result(created, updated);
    }

    /** Kept for callers that choose only the partitions: the rest from the environment. */
    public static List<String> create(String bootstrap, List<Topic<?>> topics, int partitions) {
        TopicSettings env = TopicSettings.fromEnvironment();
        return create(bootstrap, topics, env.with(partitions, env.replicationFactor(), env.minInsyncReplicas())).created();
    }

    /** Sets the declared configs that differ on an existing topic; true when something changed. */
    private static boolean align(Admin admin, Topic<?> topic, TopicSettings settings) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        try {
            var current = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            configs(topic, settings).forEach((name, value) -> {
                ConfigEntry entry = current.get(name);
                if (entry == null || !value.equals(entry.value())) ops.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
            });
            if (ops.isEmpty()) return false;
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not configure " + topic.name() + ": " + e.getCause().getMessage(), e);
        }
    }
}
