package io.nianbao.contracts;

import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Kafka Streams service does when a stream thread dies of an error no record handler took (the
 * broker or the registry gone for longer than the clients' own retries): it waits, doubling the wait from
 * one second up to a minute while failures follow each other, and starts a new thread, which resumes from
 * the last commit (exactly_once_v2: the failed transaction was aborted). A transient outage is retried,
 * never dead-lettered, and the service never stays in ERROR.
 */
public final class StreamsThreadReplacement implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsThreadReplacement.class);
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(1);
    /** Failures further apart than this start the back-off again. */
    static final Duration CALM = Duration.ofMinutes(5);

    private final String stage;
    private final AtomicInteger consecutive = new AtomicInteger();
    private volatile long lastFailure;

    public StreamsThreadReplacement(String stage) {
        this.stage = stage;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        long now = System.currentTimeMillis();
        if (now - lastFailure > CALM.toMillis()) consecutive.set(0);
        lastFailure = now;
        Duration wait = backoff(consecutive.getAndIncrement());
        Metrics.counter("nianbao." + stage + ".stream.thread.replaced").increment();
        LOG.error("a {} stream thread failed; a new one starts in {} s and resumes from the last commit", stage, wait.toSeconds(), exception);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** 1 s, 2 s, 4 s … up to a minute. */
    static Duration backoff(int failuresBefore) {
        long millis = FIRST.toMillis() << Math.min(failuresBefore, 16);
        return Duration.ofMillis(Math.min(millis, LONGEST.toMillis()));
    }
}
