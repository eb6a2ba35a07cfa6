package io.nianbao.ingest.follow;

import io.nianbao.contracts.Topic;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.FetchedPageRecord;
import io.nianbao.contracts.avro.SourceRecord;
import java.time.Duration;

/**
 * The watcher's settings (application.properties {@code nianbao.follow.*}).
 *
 * @param every a source's poll interval when it names none
 * @param minEvery the shortest interval a source may ask for
 * @param perHost the least time between two requests to one host
 * @param timeout the longest one exchange (connect, headers and body) may take
 * @param maxBackoff the longest a failing source waits between polls
 * @param recheck how often a report page already fetched is asked again (conditionally) for new bytes
 * @param maxPages listing pages followed per poll (pagination)
 * @param maxBytes the largest body fetched (ingest's limit)
 * @param groupId the consumer group of the sources topic: instances with the same group share the sources out
 */
public record FollowConfig(Duration every, Duration minEvery, Duration perHost, Duration timeout, Duration maxBackoff, Duration recheck,
                           int maxPages, long maxBytes, String userAgent, String groupId, String bootstrap, String registryUrl,
                           Topic<SourceRecord> sourcesTopic, Topic<FetchedPageRecord> pagesTopic, Duration tick, int concurrency) {

    public static final String USER_AGENT = "nianbao/0.1 (government annual report follower; respects robots.txt)";

    public FollowConfig withTopics(Topic<SourceRecord> sources, Topic<FetchedPageRecord> pages) {
        return new FollowConfig(every, minEvery, perHost, timeout, maxBackoff, recheck, maxPages, maxBytes, userAgent, groupId, bootstrap, registryUrl,
                sources, pages, tick, concurrency);
    }

    public FollowConfig withUserAgent(String ua) {
        return new FollowConfig(every, minEvery, perHost, timeout, maxBackoff, recheck, maxPages, maxBytes, ua, groupId, bootstrap, registryUrl,
                sourcesTopic, pagesTopic, tick, concurrency);
    }

    public FollowConfig withRecheck(Duration r) {
        return new FollowConfig(every, minEvery, perHost, timeout, maxBackoff, r, maxPages, maxBytes, userAgent, groupId, bootstrap, registryUrl,
                sourcesTopic, pagesTopic, tick, concurrency);
    }

    public static FollowConfig defaults(String bootstrap, String registryUrl) {
        return new FollowConfig(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofHours(6),
                Duration.ofDays(1), 10, 5L * 1024 * 1024, USER_AGENT, "nianbao-follow", bootstrap, registryUrl, Topics.SOURCES, Topics.FETCHED_PAGES,
                Duration.ofMillis(200), 8);
    }

    /** Parses {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, a number of seconds, or an ISO-8601 duration ({@code PT10M}). */
    public static Duration duration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty()) throw new IllegalArgumentException("an empty interval");
        if (t.startsWith("p")) return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?").matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not an interval (e.g. 90s, 10m, 2h, 1d)");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** An interval as the shortest of {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
        if (s % 86400 == 0) return s / 86400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
