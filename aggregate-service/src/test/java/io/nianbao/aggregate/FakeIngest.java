package io.nianbao.aggregate;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for ingest-service's GET /api/coverage (the shape of its {@code Coverage.Report}), so the
 * dashboard's coverage view is tested without the watcher; it records the queries it was asked.
 */
public class FakeIngest implements QuarkusTestResourceLifecycleManager {

    static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    static final String PROVINCE = "海南省";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/api/coverage", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            QUERIES.add(query == null ? "" : query);
            boolean csv = query != null && query.contains("format=csv");
            String year = query != null && query.matches(".*year=(\\d+).*") ? query.replaceAll(".*year=(\\d+).*", "$1") : "2025";
            String body = csv
                    ? "\uFEFFyear,province,source,publisher,status,publishedOn,dateFrom,url\n" + year + "," + PROVINCE + ",http://portal.example/nb/,琼海市人民政府,published,2024-01-20,page,http://portal.example/nb/1.html\n"
                    : "{\"year\":" + year + ",\"deadline\":\"" + (Integer.parseInt(year) + 1) + "-01-31\",\"sources\":[],\"provinces\":[{\"province\":\"" + PROVINCE + "\",\"sources\":1,"
                    + "\"published\":[{\"publisher\":\"琼海市人民政府\",\"url\":\"http://portal.example/nb/1.html\",\"title\":\"琼海市" + year + "年政府信息公开工作年度报告\",\"publishedOn\":\"" + (Integer.parseInt(year) + 1) + "-01-20\",\"dateFromFirstSeen\":false,\"late\":false},"
                    + "{\"publisher\":\"<b>万宁市</b>人民政府\",\"url\":\"javascript:alert(1)\",\"title\":\"t\",\"publishedOn\":\"" + (Integer.parseInt(year) + 1) + "-03-02\",\"dateFromFirstSeen\":true,\"late\":true}],"
                    + "\"missing\":[\"文昌市人民政府\"],\"late\":[{\"publisher\":\"<b>万宁市</b>人民政府\",\"url\":\"javascript:alert(1)\",\"title\":\"t\",\"publishedOn\":\"" + (Integer.parseInt(year) + 1) + "-03-02\",\"dateFromFirstSeen\":true,\"late\":true}]}],\"places\":{}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", csv ? "text/csv; charset=UTF-8" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("nianbao.ingest.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
    }
}
