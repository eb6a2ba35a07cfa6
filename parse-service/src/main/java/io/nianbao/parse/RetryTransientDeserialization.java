package io.nianbao.parse;

import io.micrometer.core.instrument.Metrics;
import io.nianbao.contracts.TransientFailures;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * SmallRye's hook around deserialisation on reports.raw: while the registry cannot be reached the record
 * is deserialised again after a back-off (1 s doubling to a minute; the consumer waits, nothing is lost or
 * dead-lettered); a record that is not what it should be is marked as failed, as without the hook, and
 * the channel's dead-letter queue takes it.
 */
@ApplicationScoped
@Identifier(RetryTransientDeserialization.NAME)
public class RetryTransientDeserialization implements DeserializationFailureHandler<Object> {

    public static final String NAME = "nianbao-retry-transient";
    private static final Logger LOG = Logger.getLogger(RetryTransientDeserialization.class);

    @Override
    public Object decorateDeserialization(Uni<Object> deserialization, String topic, boolean isKey, String deserializer, byte[] data, Headers headers) {
        return deserialization
                .onFailure(TransientFailures::isTransient).invoke(f -> {
                    Metrics.counter("nianbao.parse.transient.failures").increment();
                    LOG.warnf("%s: %s (the registry is not reachable: retried after a back-off)", topic, f.getMessage());
                })
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofSeconds(1), Duration.ofMinutes(1)).indefinitely()
                .onFailure().recoverWithItem(f -> {
                    DeserializationFailureHandler.addFailureDetailsToHeaders(deserializer, topic, isKey, headers, data, f);
                    return null;
                })
                .await().indefinitely();
    }
}
