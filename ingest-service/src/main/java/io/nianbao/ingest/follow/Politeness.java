package io.nianbao.ingest.follow;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When the watcher may next ask a host, and when it next polls a source, with no transport or clock of
 * its own (every method takes the time): at most one request per host per interval (or the
 * Crawl-delay the site asks for, when longer, or a Retry-After it sent), and polls of a failing source
 * backed off exponentially, from its interval up to a cap.
 */
public final class Politeness {

    private final Duration perHost;
    private final Duration maxBackoff;
    private final Map<String, Instant> nextRequest = new HashMap<>();

    /** @param perHost the least time between two requests to one host, @param maxBackoff the longest a failing source waits */
    public Politeness(Duration perHost, Duration maxBackoff) {
        this.perHost = perHost;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Reserves the next request slot for a host: the time the request may be sent (now, or later when
     * the host was asked recently). Callers wait until then.
     */
    public synchronized Instant reserve(String host, Instant now, Duration crawlDelay) {
        Duration gap = crawlDelay != null && crawlDelay.compareTo(perHost) > 0 ? crawlDelay : perHost;
        Instant slot = nextRequest.getOrDefault(host, now);
        if (slot.isBefore(now)) slot = now;
        nextRequest.put(host, slot.plus(gap));
        return slot;
    }

    /** The host asked us to wait (429/503 Retry-After): no request before {@code until}. */
    public synchronized void holdOff(String host, Instant until) {
        Instant at = nextRequest.get(host);
        if (at == null || at.isBefore(until)) nextRequest.put(host, until);
    }

    /** The wait before a source's next poll: its interval, doubled for each failure in a row, at most the cap (never below the interval). */
    public Duration nextPollDelay(Duration interval, int failuresInARow) {
        if (failuresInARow <= 0) return interval;
        Duration d = interval;
        for (int i = 0; i < failuresInARow && d.compareTo(maxBackoff) < 0; i++) d = d.multipliedBy(2);
        if (d.compareTo(maxBackoff) > 0) d = maxBackoff;
        return d.compareTo(interval) < 0 ? interval : d;
    }
}
