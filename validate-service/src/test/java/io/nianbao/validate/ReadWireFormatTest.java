package io.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import io.nianbao.testsupport.TestRegistry;
import io.nianbao.testsupport.TestSamples;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The by-issuer repartition (validate, whose changes carry the bytes read) and the report-latest store (aggregate) write, through
 * {@link Read}, exactly the bytes the topic's own serde wrote, and read what that serde wrote before:
 * topics and stores written before the change need no migration. Against the real registry.
 */
class ReadWireFormatTest {

    @Test
    void parsedAndValidatedReportsAreReadAndWrittenAsTheirTopicsSerdesWriteThem() throws Exception {
        String registry = TestRegistry.url();
        ParsedReport report = new ReportParser().parse("wire-1", Files.readString(TestSamples.dir().resolve("002_1d0c304c5194360b.txt")), ReportHints.NONE);
        ParsedReportRecord parsed = AvroMapping.toRecord(report, Instant.parse("2021-03-01T00:00:00Z"), "https://example.gov.cn/a.html", null);
        ValidationResult result = new RuleEngine().validate(report);
        ValidatedReportRecord validated = ValidatedReportRecord.newBuilder().setReport(parsed).setStatus(result.status())
                .setFindings(AvroMapping.toRecords(result.findings())).setValidatedAt(Instant.parse("2021-03-01T00:00:01Z")).setLineage("a").build();

        roundTrip(Topics.PARSED.valueSerde(registry), Topics.PARSED.name(), parsed);
        roundTrip(Topics.VALIDATED.valueSerde(registry), Topics.VALIDATED.name(), validated);
    }

    private static <V> void roundTrip(Serde<V> topicSerde, String topic, V value) {
        byte[] written = topicSerde.serializer().serialize(topic, value);
        Serde<Read<V>> asRead = Read.serde(topicSerde);

        // read from where the topic's serde wrote it, and from the repartition or changelog it is passed on to
        Read<V> read = asRead.deserializer().deserialize(topic, written);
        Read<V> again = asRead.deserializer().deserialize("nianbao-validate-by-lineage-repartition", asRead.serializer().serialize("x", read));

        assertThat(read.value()).isEqualTo(value);
        assertThat(asRead.serializer().serialize("nianbao-validate-by-lineage-repartition", read)).isSameAs(written);
        assertThat(again.value()).isEqualTo(value);
        // what the old store serde (the topic's serde itself) reads from bytes written through Read
        assertThat(topicSerde.deserializer().deserialize(topic, again.bytes())).isEqualTo(value);
    }
}
