package io.nianbao.contracts;

/** Header names on dead-letter records: why a record failed, where, and with what. */
public final class DeadLetters {

    public static final String REASON = "nianbao.failure.reason";
    public static final String STAGE = "nianbao.failure.stage";
    public static final String EXCEPTION = "nianbao.failure.exception";
    public static final String SOURCE = "nianbao.failure.source";

    private DeadLetters() {
    }
}
