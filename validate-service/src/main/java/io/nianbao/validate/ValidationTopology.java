package io.nianbao.validate;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ReportChangeRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * validate-service as a Kafka Streams topology, run with exactly_once_v2: the state it keeps and the
 * records it writes are committed in one transaction, so a crash at any point neither loses a finding nor
 * raises one twice.
 * <pre>
 * reports.parsed (key = identity; partitioned by lineage — supersedes, else source URL, else report id —
 *   by {@link io.nianbao.contracts.LineagePartitioner}, so every version of a lineage is read by one task)
 *   → {@link LineageProcessor}: the newest version per lineage; when its identity changed, a retraction of
 *     the earlier identity
 *   → by-issuer (key = division|issuer: every year of one issuer on one partition)
 *     → {@link LedgerProcessor} over the {@value #LEDGER_STORE} store (latest validated version per identity):
 *       validation, cross-year checks in either arrival order, RAISED/UPDATED/WITHDRAWN diffs
 *     → reports.validated (key = identity; a tombstone for a retracted identity), validation.issues,
 *       reports.validate-failed (a report the validator fails on, as it was read)
 * </pre>
 */
@ApplicationScoped
public class ValidationTopology {

    /** Lineage → "receivedAtMillis reportId identity" of its newest version. */
    public static final String LINEAGE_STORE = "report-lineages";
    /** Identity → the latest validated version (a {@link ValidatedReportRecord}, kept encoded as reports.validated carries it). */
    public static final String LEDGER_STORE = "validation-ledger";
    public static final String BY_ISSUER = "by-issuer";
    static final String VALIDATED_SINK = "to-validated";
    static final String ISSUES_SINK = "to-issues";
    static final String FAILED_SINK = "to-validate-failed";

    /** The topics it reads and writes: {@link #PIPELINE} in the service; tests that run several copies side by side give their own. */
    public record Names(String parsed, String validated, String issues, String failed) {
        public static Names suffixed(String suffix) {
            return new Names(Topics.PARSED.name() + suffix, Topics.VALIDATED.name() + suffix, Topics.ISSUES.name() + suffix,
                    Topics.VALIDATE_FAILED.name() + suffix);
        }
    }

    public static final Names PIPELINE = new Names(Topics.PARSED.name(), Topics.VALIDATED.name(), Topics.ISSUES.name(), Topics.VALIDATE_FAILED.name());

    @ConfigProperty(name = "nianbao.registry.url")
    String registryUrl;

    void closeDeadLetters(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        DeadLetterHandler.closeAll();
    }

    /** Quarkus gives it to Kafka Streams: a thread that dies is replaced after a back-off, never left in ERROR. */
    @Produces
    @jakarta.inject.Singleton
    org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler threadReplacement() {
        return new io.nianbao.contracts.StreamsThreadReplacement(DeadLetterHandler.STAGE);
    }

    @Produces
    public Topology topology() {
        io.nianbao.contracts.BoundedRocksDb.checkEnvironment();
        return build(PIPELINE, registryUrl);
    }

    public static Topology build(Names names, String registryUrl) {
        return build(names, Topics.PARSED.valueSerde(registryUrl), changeSerde(registryUrl), Topics.VALIDATED.valueSerde(registryUrl),
                Topics.ISSUES.valueSerde(registryUrl));
    }

    /** The serde of the by-issuer repartition topic, through the registry like every other. */
    static Serde<ReportChangeRecord> changeSerde(String registryUrl) {
        return new io.nianbao.contracts.Topic<>(BY_ISSUER, ReportChangeRecord.class, io.nianbao.contracts.Topic.Kind.STREAM).valueSerde(registryUrl);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Topology build(Names names, Serde<ParsedReportRecord> parsedSerde, Serde<ReportChangeRecord> changeSerde,
                                 Serde<ValidatedReportRecord> validatedSerde, Serde<ValidationIssueRecord> issueSerde) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINEAGE_STORE), Serdes.String(), Serdes.String()));
        // kept encoded as reports.validated carries them (LedgerProcessor.LedgerStore)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEDGER_STORE), Serdes.String(), Serdes.ByteArray()));

        // each report is passed on to by-issuer in the bytes it came in (the same wire format), not encoded again
        Serde<Read<ParsedReportRecord>> parsedAsRead = Read.serde(parsedSerde);
        KStream<String, Object> out = builder
                .stream(names.parsed(), Consumed.with(Serdes.String(), parsedAsRead).withName("parsed"))
                .filter((key, report) -> report != null, Named.as("not-a-tombstone"))
                // reports.parsed is partitioned by lineage (LineagePartitioner): each lineage is followed where it is read
                .process(LineageProcessor::new, Named.as("lineage"), LINEAGE_STORE)
                .repartition(Repartitioned.with(Serdes.String(), changeSerde).withName(BY_ISSUER))
                .process(() -> new LedgerProcessor(parsedSerde, validatedSerde, names.validated()), Named.as("ledger"), LEDGER_STORE);
        // the ledger forwards each record to one of these by name; to reports.validated the bytes it stored
        out.to(names.validated(), Produced.with(Serdes.String(), (Serde<Object>) (Serde) Serdes.ByteArray()).withName(VALIDATED_SINK));
        out.to(names.issues(), Produced.with(Serdes.String(), (Serde<Object>) (Serde) issueSerde).withName(ISSUES_SINK));
        out.to(names.failed(), Produced.with(Serdes.String(), (Serde<Object>) (Serde) parsedSerde).withName(FAILED_SINK));
        return builder.build();
    }
}
