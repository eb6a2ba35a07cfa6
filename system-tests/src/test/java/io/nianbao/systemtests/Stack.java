package io.nianbao.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one description of how nianbao runs in containers: images, ports, health paths and the environment
 * each service reads. The system tests start containers from it; the manifest tests check that deploy/k8s
 * says the same.
 */
final class Stack {

    /** A processing service: its name (as in the image and the module), HTTP port. */
    record Service(String name, int port) {
        String image() {
            return "nianbao/" + name + "-service:" + tag();
        }
    }

    static final Service INGEST = new Service("ingest", 8181);
    static final Service PARSE = new Service("parse", 8182);
    static final Service VALIDATE = new Service("validate", 8183);
    static final Service AGGREGATE = new Service("aggregate", 8184);
    static final List<Service> SERVICES = List.of(INGEST, PARSE, VALIDATE, AGGREGATE);

    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    static final String STARTED = "/q/health/started";

    /**
     * The environment every service reads (README, "Configuration"), besides its port. On a cluster the
     * replication settings are not optional: the Kafka Streams services create their changelog and
     * repartition topics with them, and with the one-machine default (1) a dead broker takes some of those
     * partitions offline for good (the surviving aggregate instance then fails every rebalance on their end
     * offsets and keeps the old assignment, routing queries to the dead instance).
     */
    static final List<String> SERVICE_ENV = List.of("KAFKA_BOOTSTRAP_SERVERS", "NIANBAO_REGISTRY_URL", "NIANBAO_HOST",
            "NIANBAO_PARTITIONS", "NIANBAO_REPLICATION_FACTOR", "NIANBAO_MIN_INSYNC_REPLICAS");
    /** aggregate-service: the address other instances reach it at, for interactive queries. */
    static final String APPLICATION_SERVER_ENV = "QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER";
    static final String STATE_DIR_ENV = "NIANBAO_STATE_DIR";
    static final String STATE_DIR = "/deployments/state";

    static final int REGISTRY_PORT = 8080;
    static final String REGISTRY_COMPATIBILITY_ENV = "APICURIO_RULES_GLOBAL_COMPATIBILITY";
    static final int KAFKA_PORT = 9092;
    static final int REPLICATION_FACTOR = 3;
    static final int MIN_INSYNC_REPLICAS = 2;

    /** The replication environment of every service on the 3-broker cluster, as deploy/k8s gives it (partitions aside). */
    static Map<String, String> clusterEnv(int partitions) {
        return Map.of("NIANBAO_PARTITIONS", String.valueOf(partitions),
                "NIANBAO_REPLICATION_FACTOR", String.valueOf(REPLICATION_FACTOR),
                "NIANBAO_MIN_INSYNC_REPLICAS", String.valueOf(MIN_INSYNC_REPLICAS));
    }

    static String kafkaImage() {
        return "nianbao/kafka:" + tag();
    }

    static String registryImage() {
        return "nianbao/apicurio-registry:" + tag();
    }

    static String tag() {
        return System.getProperty("nianbao.image.tag", "0.1.0-SNAPSHOT");
    }

    static Path projectDir() {
        String dir = System.getProperty("nianbao.project.dir");
        Path p = dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("nianbao"))) throw new IllegalStateException("not the project folder: " + p);
        return p;
    }

    static final Map<String, String> NONE = Map.of();

    private Stack() {
    }
}
