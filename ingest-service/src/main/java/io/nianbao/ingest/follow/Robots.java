package io.nianbao.ingest.follow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A robots.txt (RFC 9309), with no transport: the group for our user agent (its product token, else
 * {@code *}), its Allow and Disallow rules with {@code *} and {@code $}, the longest match deciding and
 * Allow winning a tie, and the Crawl-delay a site asks for (not in the RFC, but many sites set it and
 * following it is polite).
 */
public final class Robots {

    /** A site with no robots.txt (404 or other 4xx): everything allowed. */
    public static final Robots ALLOW_ALL = new Robots(List.of(), null);
    /** A site whose robots.txt cannot be read (5xx, unreachable): nothing allowed until it can be (RFC 9309 §2.3.1.4). */
    public static final Robots DISALLOW_ALL = new Robots(List.of(new Rule("/", false)), null);

    private record Rule(String pattern, boolean allow) {
    }

    private final List<Rule> rules;
    private final Duration crawlDelay;

    private Robots(List<Rule> rules, Duration crawlDelay) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
    }

    /** The rules of {@code text} that apply to {@code userAgent} (its first word, e.g. {@code nianbao} of {@code nianbao/0.1 (…)}). */
    public static Robots parse(String text, String userAgent) {
        String token = userAgent.split("[/\\s]")[0].toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> any = new ArrayList<>();
        Duration myDelay = null;
        Duration anyDelay = null;
        boolean matchesMine = false;
        boolean matchesAny = false;
        boolean inAgents = false;
        boolean foundMine = false;
        for (String raw : text.split("\\r?\\n|\\r")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "user-agent" -> {
                    if (!inAgents) {
                        matchesMine = false;
                        matchesAny = false;
                    }
                    inAgents = true;
                    String agent = value.toLowerCase(Locale.ROOT);
                    if (agent.equals("*")) matchesAny = true;
                    else if (!agent.isEmpty() && (token.startsWith(agent) || agent.startsWith(token))) {
                        matchesMine = true;
                        foundMine = true;
                    }
                }
                case "allow", "disallow" -> {
                    inAgents = false;
                    if (value.isEmpty()) continue; // "Disallow:" allows everything
                    Rule r = new Rule(value, key.equals("allow"));
                    if (matchesMine) mine.add(r);
                    if (matchesAny) any.add(r);
                }
                case "crawl-delay" -> {
                    inAgents = false;
                    try {
                        Duration d = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                        if (matchesMine) myDelay = d;
                        if (matchesAny) anyDelay = d;
                    } catch (NumberFormatException ignored) {
                        // a malformed delay is no delay
                    }
                }
                default -> inAgents = false;
            }
        }
        return foundMine ? new Robots(mine, myDelay) : new Robots(any, anyDelay);
    }

    /** Whether the path (with its query) may be fetched. */
    public boolean allows(String pathAndQuery) {
        String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        if (path.equals("/robots.txt")) return true;
        int best = -1;
        boolean allowed = true;
        for (Rule r : rules) {
            if (matches(r.pattern, path)) {
                int length = r.pattern.length();
                if (length > best || length == best && r.allow) {
                    best = length;
                    allowed = r.allow;
                }
            }
        }
        return allowed;
    }

    /** The delay the site asks for between requests, or null. */
    public Duration crawlDelay() {
        return crawlDelay;
    }

    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        return match(p, 0, path, 0, anchored);
    }

    private static boolean match(String p, int i, String s, int j, boolean anchored) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                for (int k = j; k <= s.length(); k++) if (match(p, i + 1, s, k, anchored)) return true;
                return false;
            }
            if (j >= s.length() || s.charAt(j) != c) return false;
            i++;
            j++;
        }
        return !anchored || j == s.length();
    }
}
