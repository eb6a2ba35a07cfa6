package io.nianbao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.json.ReportJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The publishers' pages ingest-service's watcher follows: add, list, remove, import; and who has published (coverage). */
@Command(name = "sources", description = "The publishers' pages the watcher follows (kept in the follow.sources topic, shared by every ingest instance).",
        subcommands = {SourcesCommand.Add.class, SourcesCommand.ListSources.class, SourcesCommand.Remove.class, SourcesCommand.Import.class,
                SourcesCommand.CoverageOf.class}, mixinStandardHelpOptions = true)
final class SourcesCommand implements Callable<Integer> {

    @Mixin
    Service service = new Service();

    /** Without a subcommand: the list. */
    @Override
    public Integer call() {
        ListSources list = new ListSources();
        list.service = service;
        return list.call();
    }

    /** Where ingest-service is, and its token (the options of {@link StackOptions.Ingest}), with the calls to it. */
    static final class Service extends StackOptions.Ingest {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

        HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path)).timeout(Duration.ofSeconds(60));
            if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token.strip());
            if (contentType != null) b.header("Content-Type", contentType);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        /** Prints the service's error and gives the exit code: 1 for a refusal, 3 when it does not answer. */
        int failed(HttpResponse<String> r) {
            String reason = r.body();
            try {
                JsonNode n = ReportJson.MAPPER.readTree(r.body());
                if (n.has("error")) reason = n.get("error").asText();
            } catch (IOException ignored) {
                // not JSON: print as is
            }
            System.err.println("HTTP " + r.statusCode() + ": " + reason);
            return r.statusCode() >= 500 ? 3 : 1;
        }

        int unreachable(IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            System.err.println("ingest-service does not answer at " + url + " (" + why + "): is the stack up? (./nianbao up)");
            return 3;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Follow a listing page (a disclosure portal's 年报 column), an RSS/Atom feed, or the JSON a JavaScript-built list loads.")
    static final class Add implements Callable<Integer> {
        @Mixin
        Service service = new Service();
        @Parameters(index = "0", paramLabel = "URL")
        String url;
        @Option(names = "--publisher", description = "the issuing organ, when the page is one publisher's column")
        String publisher;
        @Option(names = "--place", description = "the province, city or county the page covers")
        String place;
        @Option(names = "--every", description = "poll interval: 90s, 10m, 2h, 1d (default: the watcher's, 1h)")
        String every;
        @Option(names = "--pattern", description = "a regular expression a report link's URL contains (instead of the title rules)")
        String pattern;

        @Override
        public Integer call() throws Exception {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("url", url);
            if (publisher != null) body.put("publisher", publisher);
            if (place != null) body.put("place", place);
            if (every != null) body.put("every", every);
            if (pattern != null) body.put("pattern", pattern);
            try {
                HttpResponse<String> r = service.send("POST", "/api/sources", "application/json", ReportJson.MAPPER.writeValueAsBytes(body));
                if (r.statusCode() >= 300) return service.failed(r);
                System.out.println((r.statusCode() == 201 ? "following " : "updated ") + url);
                return 0;
            } catch (IOException e) {
                return service.unreachable(e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every source with its last poll, its status and the reports it brought.")
    static final class ListSources implements Callable<Integer> {
        @Mixin
        Service service = new Service();
        @Option(names = "--json", description = "the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            try {
                HttpResponse<String> r = service.send("GET", "/api/sources", null, null);
                if (r.statusCode() != 200) return service.failed(r);
                JsonNode rows = ReportJson.MAPPER.readTree(r.body());
                if (json) {
                    System.out.println(ReportJson.MAPPER.writeValueAsString(rows));
                    return 0;
                }
                if (rows.isEmpty()) {
                    System.out.println("no sources: add one with ./nianbao sources add URL");
                    return 0;
                }
                System.out.printf("%-22s %-16s %8s %6s  %-6s %s%n", "last poll", "status", "reports", "every", "here", "source");
                for (JsonNode s : rows) {
                    String last = s.path("lastPoll").isNull() || s.path("lastPoll").isMissingNode() ? "-" : s.path("lastPoll").asText().replaceFirst("\\.\\d+Z$", "Z");
                    System.out.printf("%-22s %-16s %8d %6s  %-6s %s%s%n", last, s.path("status").asText(), s.path("reports").asInt(), s.path("every").asText(),
                            s.path("ownedHere").asBoolean() ? "yes" : "-", s.path("url").asText(),
                            s.path("publisher").isTextual() ? "  (" + s.path("publisher").asText() + ")" : "");
                    if (s.path("error").isTextual()) System.out.printf("%-22s %s%n", "", "error: " + s.path("error").asText());
                }
                return 0;
            } catch (IOException e) {
                return service.unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 3;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop following a source (what it brought stays).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        Service service = new Service();
        @Parameters(index = "0", paramLabel = "URL")
        String url;

        @Override
        public Integer call() throws Exception {
            try {
                HttpResponse<String> r = service.send("DELETE", "/api/sources?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8), null, null);
                if (r.statusCode() != 200) return service.failed(r);
                System.out.println("no longer following " + url);
                return 0;
            } catch (IOException e) {
                return service.unreachable(e);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Add many sources from a UTF-8 file: one per line, url[,publisher,place,every,pattern] "
            + "(TAB or comma separated; a first line starting with url names the columns; # comments).")
    static final class Import implements Callable<Integer> {
        @Mixin
        Service service = new Service();
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                System.err.println("no file " + file);
                return 2;
            }
            try {
                HttpResponse<String> r = service.send("POST", "/api/sources/import", "text/csv", Files.readAllBytes(file));
                if (r.statusCode() != 200 && r.statusCode() != 400) return service.failed(r);
                JsonNode n = ReportJson.MAPPER.readTree(r.body());
                System.out.printf("added %d, replaced %d, errors %d%n", n.path("added").asInt(), n.path("replaced").asInt(), n.path("errors").size());
                for (JsonNode e : n.path("errors")) System.err.println("  " + e.asText());
                return n.path("errors").isEmpty() ? 0 : 1;
            } catch (IOException e) {
                return service.unreachable(e);
            }
        }
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true, description = "For a report year, per source and province: who has published, who has not, who was late (after 31 January).")
    static final class CoverageOf implements Callable<Integer> {
        @Mixin
        Service service = new Service();
        @Option(names = "--year", required = true)
        int year;
        @Option(names = "--csv", description = "CSV (UTF-8 with a BOM) instead of a table")
        boolean csv;

        @Override
        public Integer call() throws Exception {
            try {
                HttpResponse<String> r = service.send("GET", "/api/coverage?year=" + year + (csv ? "&format=csv" : ""), null, null);
                if (r.statusCode() != 200) return service.failed(r);
                if (csv) {
                    System.out.print(r.body());
                    return 0;
                }
                JsonNode n = ReportJson.MAPPER.readTree(r.body());
                System.out.printf("%-16s %7s %9s %7s %5s%n", "province", "sources", "published", "missing", "late");
                for (JsonNode p : n.path("provinces")) {
                    System.out.printf("%-16s %7d %9d %7d %5d%n", p.path("province").asText(), p.path("sources").asInt(), p.path("published").size(),
                            p.path("missing").size(), p.path("late").size());
                    for (JsonNode m : p.path("missing")) System.out.println("    missing  " + m.asText());
                    for (JsonNode l : p.path("late")) System.out.println("    late     " + l.path("publisher").asText() + "  " + l.path("publishedOn").asText());
                }
                return 0;
            } catch (IOException e) {
                return service.unreachable(e);
            }
        }
    }
}
