package io.nianbao.ingest.follow;

import io.nianbao.contracts.avro.SourceRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The sources the watcher follows: list, add, remove, import many (kept in follow.sources). */
@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {

    /** A source as sent: only the URL is required; {@code every} as 90s, 10m, 2h, 1d. */
    public record SourceRequest(String url, String publisher, String place, String every, String pattern) {
    }

    @Inject
    FollowService service;

    @GET
    @Operation(summary = "The sources followed, each with its last poll, its status and the reports it brought")
    public Response list() {
        FollowWatcher w = service.watcher();
        if (w == null) return unavailable();
        return Response.ok(w.views()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow a listing page, RSS/Atom feed or JSON list (replaces the source of the same URL)")
    public Response add(SourceRequest request) {
        FollowWatcher w = service.watcher();
        if (w == null) return unavailable();
        try {
            SourceRecord s = record(request, w.config());
            boolean existed = w.sources().containsKey(s.getUrl());
            w.put(s);
            return Response.status(existed ? 200 : 201).entity(Map.of("url", s.getUrl(), "replaced", existed)).build();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (Exception e) {
            return error(503, "could not write the source: " + e.getMessage());
        }
    }

    @DELETE
    @Operation(summary = "Stop following a source (its fetched pages and the reports it brought stay)")
    public Response remove(@QueryParam("url") String url) {
        FollowWatcher w = service.watcher();
        if (w == null) return unavailable();
        if (url == null || url.isBlank()) return error(400, "give the source's url");
        try {
            if (!w.remove(url.strip())) return error(404, "no source " + url.strip() + " (./nianbao sources list shows them)");
            return Response.ok(Map.of("url", url.strip(), "removed", true)).build();
        } catch (Exception e) {
            return error(503, "could not remove the source: " + e.getMessage());
        }
    }

    @POST
    @Path("import")
    @Consumes({MediaType.TEXT_PLAIN, "text/csv", "text/tab-separated-values", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Add many sources from a file: one per line, url[,publisher,place,every,pattern] (or a header naming the columns), TAB or comma separated")
    public Response importFile(byte[] body) {
        FollowWatcher w = service.watcher();
        if (w == null) return unavailable();
        SourceFile.Parsed parsed = SourceFile.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        List<String> errors = new ArrayList<>(parsed.errors());
        int added = 0;
        int replaced = 0;
        for (SourceFile.Entry e : parsed.entries()) {
            try {
                SourceRecord s = record(new SourceRequest(e.url(), e.publisher(), e.place(), e.every(), e.pattern()), w.config());
                boolean existed = w.sources().containsKey(s.getUrl());
                w.put(s);
                if (existed) replaced++;
                else added++;
            } catch (IllegalArgumentException x) {
                errors.add("line " + e.line() + ": " + x.getMessage());
            } catch (Exception x) {
                return error(503, "could not write the sources (" + added + " added before): " + x.getMessage());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("added", added);
        out.put("replaced", replaced);
        out.put("errors", errors);
        return Response.status(errors.isEmpty() ? 200 : (added + replaced > 0 ? 200 : 400)).entity(out).build();
    }

    static SourceRecord record(SourceRequest r, FollowConfig config) {
        if (r == null || r.url() == null || r.url().isBlank()) throw new IllegalArgumentException("a source needs a url");
        String url = r.url().strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) URL");
        }
        Long every = null;
        if (r.every() != null && !r.every().isBlank()) {
            Duration d = FollowConfig.duration(r.every());
            if (d.compareTo(config.minEvery()) < 0) {
                throw new IllegalArgumentException("every " + r.every() + " is shorter than the least interval " + FollowConfig.format(config.minEvery())
                        + " (nianbao.follow.min-every)");
            }
            every = Math.max(1, d.toSeconds());
        }
        if (r.pattern() != null && !r.pattern().isBlank()) {
            try {
                java.util.regex.Pattern.compile(r.pattern());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern " + r.pattern() + " is not a regular expression: " + e.getDescription());
            }
        }
        return SourceRecord.newBuilder().setUrl(url).setPublisher(blank(r.publisher())).setPlace(blank(r.place()))
                .setLinkPattern(blank(r.pattern())).setEverySeconds(every).setAddedAt(Instant.now()).build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Response unavailable() {
        return error(503, service.enabled() ? "the watcher is not running: " + service.startFailure() : "the watcher is off (nianbao.follow.enabled=false)");
    }

    static Response error(int status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "error", reason)).build();
    }
}
