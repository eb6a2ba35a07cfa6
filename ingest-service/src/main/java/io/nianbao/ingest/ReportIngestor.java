package io.nianbao.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.RawReport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The one way into reports.raw, shared by {@code POST /api/reports} and the watcher that follows
 * publishers: the same limits, charset detection, PDF and Word handling, duplicate memory and metrics.
 */
@ApplicationScoped
public class ReportIngestor {

    /** What happened to a body: accepted (published now, or a duplicate of bytes already published), refused, or not published. */
    public record Result(ReportIntake.Accepted accepted, boolean duplicate, ReportIntake.Rejection rejection, String unpublished) {
    }

    private final ReportIntake intake;
    private final RecentIds recent;
    private final MeterRegistry metrics;

    @Inject
    @Channel(Topics.RAW_CHANNEL)
    MutinyEmitter<RawReport> raw;

    @Inject
    public ReportIngestor(@ConfigProperty(name = "nianbao.ingest.max-bytes") long maxBytes,
                          @ConfigProperty(name = "nianbao.ingest.duplicate-memory") int duplicateMemory,
                          MeterRegistry metrics) {
        this.intake = new ReportIntake(maxBytes);
        this.recent = new RecentIds(duplicateMemory);
        this.metrics = metrics;
    }

    public Uni<Result> ingest(byte[] body, String contentType, String sourceUrl, String publisher, Integer yearHint, String fileName) {
        return ingest(body, contentType, sourceUrl, publisher, yearHint, fileName, null);
    }

    /** @param supersedes the earlier version this one replaces (its source URL or report id), null when none is named */
    public Uni<Result> ingest(byte[] body, String contentType, String sourceUrl, String publisher, Integer yearHint, String fileName, String supersedes) {
        ReportIntake.Accepted accepted;
        try {
            accepted = intake.accept(body, contentType);
        } catch (ReportIntake.Rejection r) {
            return Uni.createFrom().item(rejected(r));
        }
        // the same bytes with other hints, another source URL or a supersedes link are news: only all of them repeat a post
        String seenKey = String.join("\u0000", accepted.id(), String.valueOf(sourceUrl), String.valueOf(publisher), String.valueOf(yearHint),
                String.valueOf(supersedes));
        if (!recent.add(seenKey)) {
            metrics.counter("nianbao.ingest.duplicates").increment();
            return Uni.createFrom().item(new Result(accepted, true, null, null));
        }
        RawReport report = RawReport.newBuilder()
                .setId(accepted.id())
                .setReceivedAt(Instant.now())
                .setContentType(accepted.mediaType())
                .setCharset(accepted.charsetName())
                .setBody(ByteBuffer.wrap(body))
                .setSourceUrl(sourceUrl)
                .setPublisherHint(publisher)
                .setYearHint(yearHint)
                .setFileName(fileName)
                .setSupersedes(supersedes == null || supersedes.isBlank() ? null : supersedes.strip())
                .build();
        Message<RawReport> message = Message.of(report)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(accepted.id()).build());
        return raw.sendMessage(message)
                .map(ignored -> {
                    metrics.counter("nianbao.ingest.accepted").increment();
                    return new Result(accepted, false, null, null);
                })
                .onFailure().recoverWithItem(failure -> {
                    recent.forget(seenKey);
                    return new Result(accepted, false, null, "could not publish to " + Topics.RAW.name() + ": " + failure.getMessage());
                });
    }

    /** Counts a refusal (the metric every refusal shares) and says it. */
    public Result rejected(ReportIntake.Rejection r) {
        metrics.counter("nianbao.ingest.rejected", "status", Integer.toString(r.status())).increment();
        return new Result(null, false, r, null);
    }
}
