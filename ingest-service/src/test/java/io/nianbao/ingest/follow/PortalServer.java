package io.nianbao.ingest.follow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A government portal on 127.0.0.1 for the watcher's tests (nothing outside this machine): pages by
 * path, each with its status, body, content type and an ETag from its bytes (answered 304 to a matching
 * If-None-Match), redirects, delays; every request logged.
 */
final class PortalServer implements AutoCloseable {

    record Request(String path, String userAgent, String ifNoneMatch, long at) {
    }

    record Page(int status, byte[] body, String contentType, String location, long delayMs) {
        static Page html(String html) {
            return new Page(200, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8", null, 0);
        }

        static Page of(String contentType, byte[] body) {
            return new Page(200, body, contentType, null, 0);
        }

        static Page status(int status) {
            return new Page(status, ("HTTP " + status).getBytes(StandardCharsets.UTF_8), "text/plain", null, 0);
        }

        static Page redirect(String location) {
            return new Page(302, new byte[0], "text/plain", location, 0);
        }

        Page slow(long ms) {
            return new Page(status, body, contentType, location, ms);
        }
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    /** Pages that answer differently on each request, in turn (the last one stays). */
    private final Map<String, List<Page>> sequences = new ConcurrentHashMap<>();
    final List<Request> log = new CopyOnWriteArrayList<>();

    PortalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void put(String path, Page page) {
        sequences.remove(path);
        pages.put(path, page);
    }

    void sequence(String path, Page... answers) {
        sequences.put(path, new CopyOnWriteArrayList<>(List.of(answers)));
    }

    long count(String path) {
        return log.stream().filter(r -> r.path.equals(path)).count();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        String inm = x.getRequestHeaders().getFirst("If-None-Match");
        log.add(new Request(path, x.getRequestHeaders().getFirst("User-Agent"), inm, System.currentTimeMillis()));
        Page page;
        List<Page> seq = sequences.get(path);
        if (seq != null) page = seq.size() > 1 ? seq.removeFirst() : seq.getFirst();
        else page = pages.get(path);
        if (page == null) page = Page.status(404);
        try {
            if (page.delayMs() > 0) Thread.sleep(page.delayMs());
        } catch (InterruptedException e) {
            return;
        }
        try (x) {
            x.getResponseHeaders().set("Content-Type", page.contentType());
            if (page.location() != null) x.getResponseHeaders().set("Location", page.location());
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(page.body())) + "\"";
            if (page.status() == 200) {
                x.getResponseHeaders().set("ETag", etag);
                if (etag.equals(inm)) {
                    x.sendResponseHeaders(304, -1);
                    return;
                }
            }
            x.sendResponseHeaders(page.status(), page.body().length == 0 ? -1 : page.body().length);
            if (page.body().length > 0) x.getResponseBody().write(page.body());
        } catch (IOException e) {
            // the client gave up (a timeout test)
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
