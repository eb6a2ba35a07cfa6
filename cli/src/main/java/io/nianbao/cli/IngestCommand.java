package io.nianbao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.core.json.ReportJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", description = "Stream report files and folders to a running ingest-service, with progress and a summary.")
final class IngestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "files or folders of reports")
    List<Path> paths;

    @Mixin
    StackOptions.Ingest service;

    @Option(names = "--charset", description = "charset of the files; by default the service takes UTF-8, else GB18030")
    String charset;

    @Option(names = "--year", description = "report-year hint for every file")
    Integer year;

    @Option(names = "--publisher", description = "issuer hint for every file")
    String publisher;

    @Option(names = "--source-url", description = "where the report was published (one file): a later version at the same URL replaces it")
    String sourceUrl;

    @Option(names = "--supersedes", description = "the earlier version this one replaces (one file): its source URL or report id")
    String supersedes;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ReportFiles.expand(paths);
        if ((sourceUrl != null || supersedes != null) && files.size() != 1) {
            System.err.println("--source-url and --supersedes name one report: give one file (" + files.size() + " found)");
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int sent = 0;
        int duplicates = 0;
        List<String> rejected = new ArrayList<>();
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(files.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate();
        if (quiet) builder.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(s -> { }));
        try (ProgressBar bar = builder.build()) {
            for (Path file : files) {
                bar.setExtraMessage(file.getFileName().toString());
                // PDF and Word files go as their own media type, told by their magic bytes; text with the charset if one is given
                io.nianbao.core.document.DocumentFormat format = ReportFiles.format(file);
                String contentType = ReportFiles.isDocument(format) ? format.mediaType()
                        : (ReportFiles.isHtml(file) ? "text/html" : "text/plain") + (charset == null ? "" : "; charset=" + charset);
                StringBuilder query = new StringBuilder("?fileName=").append(enc(file.getFileName().toString()));
                if (year != null) query.append("&year=").append(year);
                if (publisher != null) query.append("&publisher=").append(enc(publisher));
                if (sourceUrl != null) query.append("&sourceUrl=").append(enc(sourceUrl));
                if (supersedes != null) query.append("&supersedes=").append(enc(supersedes));
                HttpResponse<String> r;
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url + "/api/reports" + query)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", contentType);
                    if (service.token != null && !service.token.isBlank()) request.header("Authorization", "Bearer " + service.token.strip());
                    r = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.net.ConnectException e) {
                    System.err.println("\ningest-service does not answer at " + service.url + ": start the stack with ./nianbao up (or set --url)");
                    return 3;
                }
                JsonNode body = parse(r.body());
                if (r.statusCode() == 202) sent++;
                else if (r.statusCode() == 200 && body.path("duplicate").asBoolean()) duplicates++;
                else rejected.add(file + ": HTTP " + r.statusCode() + " " + body.path("error").asText(r.body()));
                bar.step();
            }
        }
        System.out.printf("sent %d, duplicates %d, rejected %d%n", sent, duplicates, rejected.size());
        rejected.forEach(r -> System.out.println("  rejected " + r));
        return rejected.isEmpty() ? 0 : 1;
    }

    private static JsonNode parse(String body) {
        try {
            return ReportJson.MAPPER.readTree(body);
        } catch (Exception e) {
            return ReportJson.MAPPER.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
