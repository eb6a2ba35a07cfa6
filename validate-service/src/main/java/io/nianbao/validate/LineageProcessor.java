package io.nianbao.validate;

import io.micrometer.core.instrument.Metrics;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ReportChangeRecord;
import io.nianbao.core.model.ReportIdentity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The versions of one report linked by a source URL or a supersedes id (the record's key here): keeps the
 * newest one's identity and time. A newer version whose identity changed (the year or the place
 * corrected) retracts the earlier identity, so the report is never counted under both. An older version
 * arriving late is not taken: under the newest identity it is simply stale; under another identity it
 * goes on as superseded, because in ingest order it replaced what that identity held, then left it.
 */
final class LineageProcessor implements Processor<String, ParsedReportRecord, String, ReportChangeRecord> {

    private static final Logger LOG = Logger.getLogger(LineageProcessor.class);

    private ProcessorContext<String, ReportChangeRecord> context;
    private KeyValueStore<String, String> lineages;

    @Override
    public void init(ProcessorContext<String, ReportChangeRecord> context) {
        this.context = context;
        this.lineages = context.getStateStore(ValidationTopology.LINEAGE_STORE);
    }

    @Override
    public void process(Record<String, ParsedReportRecord> record) {
        String lineage = record.key();
        ParsedReportRecord report = record.value();
        String identity = AvroMapping.identity(report);
        long at = report.getReceivedAt().toEpochMilli();
        String held = lineages.get(lineage);
        if (held != null) {
            int space = held.indexOf(' ');
            long heldAt = Long.parseLong(held.substring(0, space));
            String heldIdentity = held.substring(space + 1);
            if (at < heldAt) {
                Metrics.counter("nianbao.validate.stale.versions").increment();
                LOG.debugf("%s: version %s is older than the one already taken", lineage, report.getReportId());
                if (!heldIdentity.equals(identity)) {
                    context.forward(record.withKey(ReportIdentity.issuerKeyOf(identity)).withValue(new ReportChangeRecord(identity, lineage, report, true)));
                }
                return;
            }
            if (!heldIdentity.equals(identity)) {
                LOG.infof("%s: identity %s → %s, the earlier one is retracted", lineage, heldIdentity, identity);
                context.forward(record.withKey(ReportIdentity.issuerKeyOf(heldIdentity)).withValue(new ReportChangeRecord(heldIdentity, lineage, null, false)));
            }
        }
        lineages.put(lineage, at + " " + identity);
        context.forward(record.withKey(ReportIdentity.issuerKeyOf(identity)).withValue(new ReportChangeRecord(identity, lineage, report, false)));
    }
}
