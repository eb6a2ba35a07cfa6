package io.nianbao.ingest.follow;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one URL politely with {@link HttpClient}: robots.txt first (cached per host), the host's
 * request slot from {@link Politeness}, a conditional GET (If-None-Match / If-Modified-Since), a
 * timeout for the whole exchange (headers and body), a size limit, and redirects followed by hand only
 * within the same site (same host, {@code www.} aside; http → https allowed), at most a few hops and
 * never twice to the same URL.
 */
public final class Fetcher implements AutoCloseable {

    /** What a fetch gave: the bytes, or why there are none. */
    public record Result(String url, String finalUrl, Outcome outcome, int httpStatus, byte[] body, String contentType,
                         String etag, String lastModified, String error) {
        public boolean ok() {
            return outcome == Outcome.OK;
        }
    }

    /** How a fetch ended; the error kinds are the metrics' tags. */
    public enum Outcome {
        OK("ok"), NOT_MODIFIED("not-modified"), HTTP_4XX("http-4xx"), HTTP_5XX("http-5xx"), TIMEOUT("timeout"), REDIRECT("redirect"),
        ROBOTS("robots"), TOO_LARGE("too-large"), IO("io");

        public final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public boolean error() {
            return this != OK && this != NOT_MODIFIED;
        }
    }

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final Politeness politeness;
    private final Duration timeout;
    private final long maxBytes;
    private final String userAgent;
    private final Duration robotsFor;
    private final Clock clock;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, CachedRobots> robots = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.locks.ReentrantLock> robotsLocks = new ConcurrentHashMap<>();

    private record CachedRobots(Robots robots, Instant until) {
    }

    public Fetcher(Politeness politeness, Duration timeout, long maxBytes, String userAgent, Duration robotsFor, Clock clock) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        this.politeness = politeness;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.userAgent = userAgent;
        this.robotsFor = robotsFor;
        this.clock = clock;
    }

    /** GET {@code url}, conditionally when an ETag or Last-Modified of an earlier fetch is given. */
    public Result get(String url, String etag, String lastModified) throws InterruptedException {
        String current = url;
        Set<String> seen = new HashSet<>();
        for (int hop = 0; ; hop++) {
            URI uri;
            try {
                uri = URI.create(current);
            } catch (IllegalArgumentException e) {
                return failure(url, current, Outcome.IO, 0, "not a URL: " + current);
            }
            if (!seen.add(current)) return failure(url, current, Outcome.REDIRECT, 0, "redirect loop back to " + current);
            if (hop > MAX_REDIRECTS) return failure(url, current, Outcome.REDIRECT, 0, "more than " + MAX_REDIRECTS + " redirects");
            Robots rules = robotsOf(uri);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
            if (!rules.allows(path)) return failure(url, current, Outcome.ROBOTS, 0, "robots.txt of " + uri.getHost() + " forbids " + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent)
                    .header("Accept", "text/html,application/xhtml+xml,application/xml,application/json,application/pdf,*/*;q=0.8");
            if (hop == 0 && etag != null) request.header("If-None-Match", etag);
            if (hop == 0 && lastModified != null) request.header("If-Modified-Since", lastModified);
            Exchange x = exchange(uri, request.build(), rules.crawlDelay());
            if (x.error != null) return failure(url, current, x.outcome, 0, x.error);
            int status = x.response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = x.response.headers().firstValue("Location").orElse(null);
                if (location == null) return failure(url, current, Outcome.REDIRECT, status, "HTTP " + status + " without a Location");
                String next;
                try {
                    next = uri.resolve(location.strip()).toString();
                } catch (IllegalArgumentException e) {
                    return failure(url, current, Outcome.REDIRECT, status, "bad Location " + location);
                }
                if (!sameSite(uri, URI.create(next))) return failure(url, current, Outcome.REDIRECT, status, "redirect off the site to " + next);
                current = next;
                continue;
            }
            String type = x.response.headers().firstValue("Content-Type").orElse(null);
            String newEtag = x.response.headers().firstValue("ETag").orElse(null);
            String newModified = x.response.headers().firstValue("Last-Modified").orElse(null);
            if (status == 304) return new Result(url, current, Outcome.NOT_MODIFIED, status, null, type, etag, lastModified, null);
            if (status == 429 || status == 503) {
                x.response.headers().firstValue("Retry-After").ifPresent(after -> retryAfter(uri.getHost(), after));
            }
            if (status >= 400) {
                return failure(url, current, status >= 500 ? Outcome.HTTP_5XX : Outcome.HTTP_4XX, status, "HTTP " + status + " from " + current);
            }
            if (x.body == null) return failure(url, current, Outcome.TOO_LARGE, status, "over " + maxBytes + " bytes");
            return new Result(url, current, Outcome.OK, status, x.body, type, newEtag, newModified, null);
        }
    }

    private void retryAfter(String host, String value) {
        try {
            long seconds = Math.min(3600, Long.parseLong(value.strip()));
            politeness.holdOff(host, clock.instant().plusSeconds(seconds));
        } catch (NumberFormatException ignored) {
            // an HTTP date: the back-off on errors covers it
        }
    }

    /** Same site: the same host once a leading {@code www.} is set aside; the port may not change unless the scheme does. */
    static boolean sameSite(URI from, URI to) {
        if (from.getHost() == null || to.getHost() == null) return false;
        if (!bare(from.getHost()).equals(bare(to.getHost()))) return false;
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return false;
        return from.getPort() == to.getPort() || !from.getScheme().equalsIgnoreCase(to.getScheme());
    }

    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("www.") ? h.substring(4) : h;
    }

    private record Exchange(HttpResponse<InputStream> response, byte[] body, Outcome outcome, String error) {
    }

    /** One request in the host's slot, its body read whole within the timeout. */
    private Exchange exchange(URI uri, HttpRequest request, Duration crawlDelay) throws InterruptedException {
        Instant slot = politeness.reserve(uri.getHost() + ":" + uri.getPort(), clock.instant(), crawlDelay);
        long wait = Duration.between(clock.instant(), slot).toMillis();
        if (wait > 0) Thread.sleep(wait);
        Future<Exchange> f = readers.submit(() -> {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                return new Exchange(r, body.length > maxBytes ? null : body, Outcome.OK, null);
            }
        });
        try {
            return f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Exchange(null, null, Outcome.TIMEOUT, "no complete answer from " + uri.getHost() + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Exchange(null, null, Outcome.TIMEOUT, "no answer from " + uri.getHost() + " within " + timeout.toMillis() + " ms");
            }
            return new Exchange(null, null, Outcome.IO, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    /** The host's robots.txt, fetched at most once per {@code robotsFor} (a failure is retried sooner). */
    Robots robotsOf(URI uri) throws InterruptedException {
        String key = uri.getScheme() + "://" + uri.getRawAuthority();
        // one fetch of a host's robots.txt at a time: polls of two sources on one host wait for the first
        java.util.concurrent.locks.ReentrantLock lock = robotsLocks.computeIfAbsent(key, k -> new java.util.concurrent.locks.ReentrantLock());
        lock.lockInterruptibly();
        try {
            return robotsOf(uri, key);
        } finally {
            lock.unlock();
        }
    }

    private Robots robotsOf(URI uri, String key) throws InterruptedException {
        CachedRobots cached = robots.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.until)) return cached.robots;
        URI at = URI.create(key + "/robots.txt");
        HttpRequest request = HttpRequest.newBuilder(at).timeout(timeout).header("User-Agent", userAgent).build();
        Exchange x = exchange(at, request, null);
        Robots rules;
        Duration keep = robotsFor;
        if (x.error != null) {
            // unreachable: RFC 9309 says assume disallowed; ask again soon
            rules = x.outcome == Outcome.TIMEOUT || x.outcome == Outcome.IO ? Robots.DISALLOW_ALL : Robots.ALLOW_ALL;
            keep = Duration.ofSeconds(Math.min(60, robotsFor.toSeconds()));
        } else {
            int status = x.response.statusCode();
            if (status >= 200 && status < 300 && x.body != null) {
                rules = Robots.parse(new String(x.body, java.nio.charset.StandardCharsets.UTF_8), userAgent);
            } else if (status >= 500) {
                rules = Robots.DISALLOW_ALL;
                keep = Duration.ofSeconds(Math.min(60, robotsFor.toSeconds()));
            } else {
                rules = Robots.ALLOW_ALL; // 4xx (none), or a redirect we do not follow for robots: allowed
            }
        }
        robots.put(key, new CachedRobots(rules, now.plus(keep)));
        return rules;
    }

    /** The media type of a Content-Type, lower case, or null. */
    public static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        readers.shutdownNow();
        http.close();
    }

    static Result failure(String url, String at, Outcome outcome, int status, String error) {
        return new Result(url, at, outcome, status, null, null, null, null, error);
    }

}
