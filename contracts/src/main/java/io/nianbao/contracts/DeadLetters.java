package io.nianbao.contracts;

/** Header names on dead-letter records: why a record failed, where, and with what. */
public final class DeadLetters {

    public static final String REASON = "nianbao.failure.reason";
    public static final String STAGE = "nianbao.failure.stage";
    public static final String EXCEPTION = "nianbao.failure.exception";
    public static final String SOURCE = "nianbao.failure.source";
    /** Where inside a topology the record was read when that is not its source (an internal repartition topic). */
    public static final String READ_AT = "nianbao.failure.read-at";

    private DeadLetters() {
    }

    /** The headers of a dead letter: why, in which stage, from which record, and the exception if any. */
    public static org.apache.kafka.common.header.internals.RecordHeaders headers(String reason, String stage, String source, Throwable error) {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(REASON, reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add(STAGE, stage.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add(SOURCE, source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (error != null) headers.add(EXCEPTION, error.getClass().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return headers;
    }
}
