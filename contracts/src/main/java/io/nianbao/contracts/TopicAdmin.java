package io.nianbao.contracts;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline's topics (idempotent): used by the launcher and by the tests. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** Creates every missing topic of {@code topics}; returns the names it created. */
    public static List<String> create(String bootstrap, List<Topic<?>> topics, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        List<String> created = new java.util.ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            for (Topic<?> topic : topics) {
                NewTopic t = new NewTopic(topic.name(), partitions, (short) 1);
                if (topic.compacted()) t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(t)).all().get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("could not create " + topic.name() + ": " + e.getCause().getMessage(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return created;
    }
}
