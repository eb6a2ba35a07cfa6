package io.nianbao.validate;

import io.micrometer.core.instrument.Metrics;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.LineagePartitioner;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ReportChangeRecord;
import io.nianbao.core.model.ReportIdentity;
import io.nianbao.core.validate.Lineages;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The versions of one report linked by a supersedes id, a source URL or the report's own id (the record's
 * key here, {@code Lineages.of}): keeps the newest one's time, id and identity, ordered by
 * {@code ReportIdentity.versionOrder}. A newer version whose identity changed (the year or the place
 * corrected) retracts the earlier identity, so the report is never counted under both — unless, through a
 * shared address only, it looks like the next year's report ({@code Lineages.retracts}). An older version
 * arriving late is not taken: under the newest identity it is simply stale; under an identity the newest
 * retracted it goes on as superseded (in ingest order it replaced what that identity held, then left it);
 * under an identity the newest did not retract it is a report of its own.
 */
final class LineageProcessor implements Processor<String, Read<ParsedReportRecord>, String, ReportChangeRecord> {

    private static final Logger LOG = Logger.getLogger(LineageProcessor.class);

    /** In the store: the newest version named the one it replaces. */
    private static final String EXPLICIT = "supersedes";

    private ProcessorContext<String, ReportChangeRecord> context;
    private KeyValueStore<String, String> lineages;

    @Override
    public void init(ProcessorContext<String, ReportChangeRecord> context) {
        this.context = context;
        this.lineages = context.getStateStore(ValidationTopology.LINEAGE_STORE);
    }

    @Override
    public void process(Record<String, Read<ParsedReportRecord>> read) {
        // the lineage header names the partition on reports.parsed; by issuer it would send a replayed dead letter astray
        Record<String, Read<ParsedReportRecord>> record = read.withHeaders(withoutPartitionKey(read.headers()));
        ParsedReportRecord report = record.value().value();
        String lineage = AvroMapping.lineage(report);
        String identity = AvroMapping.identity(report);
        Instant at = report.getReceivedAt();
        String held = lineages.get(lineage);
        if (held != null) {
            String[] parts = held.split(" ", 4);
            Instant heldAt = Instant.ofEpochMilli(Long.parseLong(parts[0]));
            String heldId = parts[1];
            boolean heldExplicit = parts[2].equals(EXPLICIT);
            String heldIdentity = parts[3];
            int order = ReportIdentity.versionOrder(at, report.getReportId(), heldAt, heldId);
            if (order == 0) {
                // the same version again: it went on the first time
                Metrics.counter("nianbao.validate.repeated.versions").increment();
                LOG.infof("%s: version %s again, already taken (identity %s)", lineage, report.getReportId(), identity);
                return;
            }
            if (order < 0) {
                Metrics.counter("nianbao.validate.stale.versions").increment();
                LOG.debugf("%s: version %s is older than the one already taken", lineage, report.getReportId());
                // in ingest order it came before the newest, and the newest's identity took over from it (or not)
                if (Lineages.retracts(identity, at, heldIdentity, heldAt, heldExplicit)) {
                    context.forward(record.withKey(ReportIdentity.issuerKeyOf(identity)).withValue(version(identity, lineage, record.value(), true)));
                } else if (!identity.equals(heldIdentity)) {
                    context.forward(record.withKey(ReportIdentity.issuerKeyOf(identity)).withValue(version(identity, lineage, record.value(), false)));
                }
                return;
            }
            if (Lineages.retracts(heldIdentity, heldAt, identity, at, explicit(report))) {
                LOG.infof("%s: identity %s → %s, the earlier one is retracted", lineage, heldIdentity, identity);
                Metrics.counter("nianbao.validate.retractions").increment();
                context.forward(record.withKey(ReportIdentity.issuerKeyOf(heldIdentity)).withValue(new ReportChangeRecord(heldIdentity, lineage, null, false, null)));
            }
        }
        lineages.put(lineage, at.toEpochMilli() + " " + report.getReportId() + " " + (explicit(report) ? EXPLICIT : "-") + " " + identity);
        context.forward(record.withKey(ReportIdentity.issuerKeyOf(identity)).withValue(version(identity, lineage, record.value(), false)));
    }

    private static Headers withoutPartitionKey(Headers headers) {
        if (headers.lastHeader(LineagePartitioner.PARTITION_KEY_HEADER) == null) return headers;
        Headers copy = new RecordHeaders(headers.toArray());
        copy.remove(LineagePartitioner.PARTITION_KEY_HEADER);
        return copy;
    }

    /** A version passed on in the bytes it came in: encoding the whole report again was a tenth of this service's time. */
    private static ReportChangeRecord version(String identity, String lineage, Read<ParsedReportRecord> read, boolean superseded) {
        return new ReportChangeRecord(identity, lineage, null, superseded, java.nio.ByteBuffer.wrap(read.bytes()));
    }

    /** The version named the one it replaces: a change of identity is a correction, whatever the dates. */
    private static boolean explicit(ParsedReportRecord report) {
        return report.getSupersedes() != null && !report.getSupersedes().isBlank();
    }
}
