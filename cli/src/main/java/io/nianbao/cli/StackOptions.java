package io.nianbao.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the running stack's parts are: the options the commands that talk to it share, each declared once here and
 * taken in with {@code @Mixin} (the launcher passes them by these names, see {@code ./nianbao}). A command that names
 * the same address differently (registry's and aggregates' {@code --url}) takes the default from the constants, so
 * every command falls back to the same environment variable.
 */
final class StackOptions {

    static final String INGEST_URL = "${env:NIANBAO_INGEST_URL:-http://127.0.0.1:8181}";
    static final String AGGREGATE_URL = "${env:NIANBAO_AGGREGATE_URL:-http://127.0.0.1:8184}";
    static final String BOOTSTRAP = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}";
    static final String REGISTRY_URL = "${env:NIANBAO_REGISTRY_URL:-http://127.0.0.1:8085}";

    private StackOptions() {
    }

    /** {@code --bootstrap}: the Kafka broker. */
    static final class Kafka {
        @Option(names = "--bootstrap", defaultValue = BOOTSTRAP, description = "Kafka (default: ${DEFAULT-VALUE})")
        String bootstrap;
    }

    /** {@code --registry}: Apicurio Registry, for the Avro topics' schemas. */
    static final class SchemaRegistry {
        @Option(names = "--registry", defaultValue = REGISTRY_URL, description = "Apicurio Registry (default: ${DEFAULT-VALUE})")
        String registry;
    }

    /**
     * {@code --ingest}, {@code --aggregate}, {@code --bootstrap} and {@code --registry}: the whole stack, for the commands
     * that drive it end to end (chaos, bench-pipeline).
     */
    static final class Stack {
        @Option(names = "--ingest", defaultValue = INGEST_URL, description = "ingest-service (default: ${DEFAULT-VALUE})")
        String ingest;

        @Option(names = "--aggregate", defaultValue = AGGREGATE_URL, description = "aggregate-service (default: ${DEFAULT-VALUE})")
        String aggregate;

        @Mixin
        Kafka kafka;

        @Mixin
        SchemaRegistry schemas;

        /** ingest-service's base URL, without a trailing slash (a path is appended to it). */
        String ingestUrl() {
            return withoutSlash(ingest);
        }

        /** aggregate-service's base URL, without a trailing slash. */
        String aggregateUrl() {
            return withoutSlash(aggregate);
        }

        String bootstrap() {
            return kafka.bootstrap;
        }

        String registry() {
            return schemas.registry;
        }

        private static String withoutSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }

    /** {@code --url} and {@code --token}: ingest-service, for the commands that are its clients alone (ingest, sources). Open for sources' client to extend. */
    static class Ingest {
        @Option(names = "--url", description = "ingest-service base URL (default: ${DEFAULT-VALUE})", defaultValue = INGEST_URL)
        String url = "http://127.0.0.1:8181";

        @Option(names = "--token", description = "bearer token, when ingest-service requires one (default: $NIANBAO_INGEST_TOKEN)",
                defaultValue = "${env:NIANBAO_INGEST_TOKEN}")
        String token;
    }
}
