package io.nianbao.testsupport;

import io.nianbao.contracts.TopicAdmin;
import io.nianbao.contracts.TopicSettings;
import io.nianbao.contracts.Topics;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker inside the test JVM (Kafka's own test kit; internal API, so it is
 * the project's {@code kafka.version}, the same as the clients'). One per JVM, started on first use and closed when the JVM ends, so
 * a failing test cannot leave it running.
 */
public final class TestKafka {

    private static KafkaClusterTestKit cluster;
    /** The topics' partitions and record size as a deployment takes them from its environment; one broker, so one replica. */
    public static final TopicSettings SETTINGS = TopicSettings.fromEnvironment().with(TopicSettings.fromEnvironment().partitions(), (short) 1, 1);

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            // a broker that hits a fatal error (say, while the JVM shuts down) must not end the test JVM
            Exit.setExitProcedure((code, message) -> System.err.println("in-JVM Kafka asked to exit(" + code + "): " + message));
            Exit.setHaltProcedure((code, message) -> System.err.println("in-JVM Kafka asked to halt(" + code + "): " + message));
            try {
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        // like the local broker: a record as large as ingest accepts (topics say so too)
                        .setConfigProp("message.max.bytes", Integer.toString(SETTINGS.maxRecordBytes()))
                        .setConfigProp("replica.fetch.max.bytes", Integer.toString(SETTINGS.maxRecordBytes()))
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
                Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::close, "test-kafka-stop"));
                // the topics as declared in contracts, with this environment's partitions (2 unless NIANBAO_PARTITIONS says)
                TopicAdmin.create(kit.bootstrapServers(), Topics.ALL, SETTINGS);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
            }
        }
        return cluster.bootstrapServers();
    }

    static synchronized void close() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the JVM is ending
            }
            cluster = null;
        }
    }
}
