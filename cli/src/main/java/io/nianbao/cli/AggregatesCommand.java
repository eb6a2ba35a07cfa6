package io.nianbao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.json.ReportJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "aggregates", description = "Print the live aggregates per province and report year from aggregate-service.")
final class AggregatesCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = StackOptions.AGGREGATE_URL, description = "aggregate-service (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--year", description = "only this report year")
    Integer year;

    @Option(names = "--wait-for", description = "first wait until the aggregates count at least N reports")
    Integer waitFor;

    @Option(names = "--timeout", defaultValue = "120", description = "seconds to wait (default: ${DEFAULT-VALUE})")
    int timeout;

    @Override
    public Integer call() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        JsonNode rows = null;
        String problem = null;
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/aggregates" + (year == null ? "" : "?year=" + year)))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    rows = ReportJson.MAPPER.readTree(r.body());
                    problem = null;
                } else {
                    problem = "HTTP " + r.statusCode() + ": " + r.body();
                }
            } catch (java.io.IOException e) {
                problem = "aggregate-service does not answer at " + url + " (" + e.getMessage() + ")";
            }
            long counted = 0;
            if (rows != null) for (JsonNode row : rows) counted += row.path("reports").asLong();
            if (waitFor == null || (rows != null && counted >= waitFor)) break;
            if (System.nanoTime() > deadline) {
                System.err.printf("after %d s the aggregates count %d of %d reports%s%n", timeout, counted, waitFor, problem == null ? "" : "; " + problem);
                if (rows != null) print(rows);
                return 1;
            }
            Thread.sleep(1000);
        }
        if (rows == null) {
            System.err.println(problem);
            return 3;
        }
        print(rows);
        return 0;
    }

    static void print(JsonNode rows) {
        System.out.printf("%-16s %-8s %7s %6s %9s %8s %12s %13s %15s %12s%n", "province", "year", "reports", "valid", "warnings", "invalid",
                "newReceived", "results.total", "disclosureRate", "reviews");
        for (JsonNode r : rows) {
            JsonNode status = r.path("reportsByStatus");
            System.out.printf("%-16s %-8s %7d %6d %9d %8d %12s %13s %15s %12s%n",
                    r.path("province").isNull() ? "(unknown)" : r.path("province").asText(),
                    r.path("reportYear").isNull() ? "(unknown)" : r.path("reportYear").asText(),
                    r.path("reports").asLong(), status.path("valid").asLong(), status.path("warnings").asLong(), status.path("invalid").asLong(),
                    num(r.at("/applications/newReceived/total")), num(r.at("/applications/results/total/total")),
                    r.path("disclosureRate").isNull() ? "-" : String.format("%.1f%%", 100 * r.path("disclosureRate").asDouble()),
                    num(r.at("/reviewLitigation/administrativeReview/total")));
        }
    }

    private static String num(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return "-";
        double v = n.asDouble();
        return v == Math.rint(v) ? Long.toString((long) v) : String.valueOf(v);
    }
}
