package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    private static final Map<String, String> CLUSTER_ENV = Map.of(
            "NIANBAO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "NIANBAO_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "NIANBAO_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "NIANBAO_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
            "NIANBAO_KAFKA_", "ignored",
            "NIANBAO_KAFKA_EMPTY", " ",
            "KAFKA_BOOTSTRAP_SERVERS", "not a client setting of ours");

    @Test
    void environmentVariablesBecomeClientProperties() {
        assertThat(KafkaClientSecurity.from(CLUSTER_ENV)).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", CLUSTER_ENV.get("NIANBAO_KAFKA_SASL_JAAS_CONFIG"));
        assertThat(KafkaClientSecurity.from(Map.of("PATH", "/usr/bin"))).isEmpty();
    }

    @Test
    void everyChannelAndKafkaStreamsGetThem() {
        TopicsConfigSource source = new TopicsConfigSource(List.of(Topics.RAW), List.of(Topics.PARSED), KafkaClientSecurity.from(CLUSTER_ENV)) {
        };
        assertThat(source.getValue("mp.messaging.connector.smallrye-kafka.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(source.getValue("mp.messaging.connector.smallrye-kafka.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(source.getValue("kafka-streams.ssl.truststore.location")).isEqualTo("/etc/kafka/ca.p12");
        TopicsConfigSource local = new TopicsConfigSource(List.of(Topics.RAW), List.of(Topics.PARSED), Map.of()) {
        };
        assertThat(local.getPropertyNames()).noneMatch(n -> n.contains("security.protocol"));
    }
}
