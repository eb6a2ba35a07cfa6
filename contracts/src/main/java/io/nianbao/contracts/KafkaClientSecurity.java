package io.nianbao.contracts;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka client settings a cluster needs and one machine does not — TLS, SASL, and any other client
 * property — given once, by environment, to every client the project builds: the services' channels
 * (SmallRye), Kafka Streams, and the hand-built admin, consumers and producers of contracts, the dead
 * letters and the command line. {@code NIANBAO_KAFKA_SECURITY_PROTOCOL=SASL_SSL} is
 * {@code security.protocol=SASL_SSL}: the prefix dropped, lower case, underscores as dots.
 */
public final class KafkaClientSecurity {

    public static final String PREFIX = "NIANBAO_KAFKA_";

    private KafkaClientSecurity() {
    }

    /** The client properties these environment variables give (none for one machine). */
    public static Map<String, String> from(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && value != null && !value.isBlank()) {
                out.put(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return out;
    }

    public static Map<String, String> fromEnvironment() {
        return from(System.getenv());
    }

    /** Adds this process's client settings to a client configuration, and returns it. */
    public static <M extends Map<String, Object>> M applyTo(M config) {
        config.putAll(fromEnvironment());
        return config;
    }
}
