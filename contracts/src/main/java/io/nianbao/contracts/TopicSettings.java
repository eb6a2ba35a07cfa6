package io.nianbao.contracts;

import java.util.Map;

/**
 * What a deployment chooses about its topics and records, from the environment (the defaults are one
 * machine's): partitions of new topics, the replication factor and {@code min.insync.replicas} (1/1
 * locally, 3/2 on a cluster), and the largest record, derived from ingest's limit so that whatever
 * ingest accepts also fits every producer, topic and broker on its way.
 *
 * @param maxIngestBytes the largest report ingest accepts ({@code NIANBAO_INGEST_MAX_BYTES})
 * @param sessionTimeoutMs every consumer's {@code session.timeout.ms}, channels' and Kafka Streams'
 *            ({@code NIANBAO_SESSION_TIMEOUT_MS}): how long the group waits for a member that stopped
 *            heart-beating before its partitions go to the others (or to its own restart). Kafka's default,
 *            45 s, held a restarted service's pipeline for that long; 10 s (Kafka's own default before 3.0) is
 *            still three missed heartbeats, and far above a pause of the services' small heaps.
 */
public record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas, long maxIngestBytes, long sessionTimeoutMs) {

    public static final String PARTITIONS_ENV = "NIANBAO_PARTITIONS";
    public static final String REPLICATION_FACTOR_ENV = "NIANBAO_REPLICATION_FACTOR";
    public static final String MIN_INSYNC_REPLICAS_ENV = "NIANBAO_MIN_INSYNC_REPLICAS";
    public static final String INGEST_MAX_BYTES_ENV = "NIANBAO_INGEST_MAX_BYTES";
    public static final String SESSION_TIMEOUT_ENV = "NIANBAO_SESSION_TIMEOUT_MS";

    public static final int DEFAULT_PARTITIONS = 2;
    public static final long DEFAULT_INGEST_MAX_BYTES = 5L * 1024 * 1024;
    public static final long DEFAULT_SESSION_TIMEOUT_MS = 10_000;
    /** The broker's default {@code group.min.session.timeout.ms} and {@code group.max.session.timeout.ms}. */
    static final long MIN_SESSION_TIMEOUT_MS = 6_000;
    static final long MAX_SESSION_TIMEOUT_MS = 1_800_000;
    /**
     * Room above ingest's limit for the rest of a record: the Avro fields around the body, the key, the
     * headers (a dead letter's reason and exception), and the record batch framing.
     */
    public static final long RECORD_OVERHEAD_BYTES = 1024 * 1024;

    public TopicSettings {
        if (partitions < 1) throw new IllegalArgumentException(PARTITIONS_ENV + " must be at least 1, not " + partitions);
        if (replicationFactor < 1) throw new IllegalArgumentException(REPLICATION_FACTOR_ENV + " must be at least 1, not " + replicationFactor);
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(MIN_INSYNC_REPLICAS_ENV + " must be between 1 and the replication factor " + replicationFactor + ", not " + minInsyncReplicas);
        }
        if (maxIngestBytes < 1) throw new IllegalArgumentException(INGEST_MAX_BYTES_ENV + " must be positive, not " + maxIngestBytes);
        // the broker refuses a session timeout outside its bounds: the consumer would never join, and retry for ever
        if (sessionTimeoutMs < MIN_SESSION_TIMEOUT_MS || sessionTimeoutMs > MAX_SESSION_TIMEOUT_MS) {
            throw new IllegalArgumentException(SESSION_TIMEOUT_ENV + " must be milliseconds between " + MIN_SESSION_TIMEOUT_MS + " and " + MAX_SESSION_TIMEOUT_MS
                    + " (the broker's default group.min/max.session.timeout.ms), not " + sessionTimeoutMs);
        }
    }

    /** From this process's environment. */
    public static TopicSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** From these environment variables; unset or blank ones take the one-machine defaults. */
    public static TopicSettings from(Map<String, String> env) {
        return new TopicSettings(
                (int) number(env, PARTITIONS_ENV, DEFAULT_PARTITIONS),
                (short) number(env, REPLICATION_FACTOR_ENV, 1),
                (int) number(env, MIN_INSYNC_REPLICAS_ENV, 1),
                number(env, INGEST_MAX_BYTES_ENV, DEFAULT_INGEST_MAX_BYTES),
                number(env, SESSION_TIMEOUT_ENV, DEFAULT_SESSION_TIMEOUT_MS));
    }

    /** The same settings with other partitions, replication factor and minimum in-sync replicas. */
    public TopicSettings with(int partitions, short replicationFactor, int minInsyncReplicas) {
        return new TopicSettings(partitions, replicationFactor, minInsyncReplicas, maxIngestBytes, sessionTimeoutMs);
    }

    /**
     * The largest record any producer sends and any topic accepts ({@code max.request.size},
     * {@code max.message.bytes}, the broker's {@code message.max.bytes}): ingest's limit plus the overhead.
     */
    public int maxRecordBytes() {
        return Math.toIntExact(maxIngestBytes + RECORD_OVERHEAD_BYTES);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
        }
    }
}
