package io.nianbao.aggregate.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nianbao.aggregate.AggregationTopology;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import io.nianbao.core.view.IssuerRows;
import io.nianbao.testsupport.TestRegistry;
import io.nianbao.testsupport.TestSamples;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drill-down stores on the aggregate topology, without a broker (the serdes use the real registry). */
class DrillDownTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, ValidatedReportRecord> validated;
    private KeyValueStore<String, String> details;
    private KeyValueStore<String, String> issuers;

    @BeforeEach
    void start() throws Exception {
        Serde<ValidatedReportRecord> validatedSerde = Topics.VALIDATED.valueSerde(TestRegistry.url());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "drilldown-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("drilldown-test").toString());
        driver = new TopologyTestDriver(AggregationTopology.build(validatedSerde, Topics.AGGREGATES.valueSerde(TestRegistry.url())), props);
        validated = driver.createInputTopic(Topics.VALIDATED.name(), Serdes.String().serializer(), validatedSerde.serializer());
        details = driver.getKeyValueStore(DrillDownTopology.REPORT_DETAILS_STORE);
        issuers = driver.getKeyValueStore(DrillDownTopology.PROVINCE_ISSUERS_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static ValidatedReportRecord validated(String sample, String reportId, String sourceUrl) throws Exception {
        var report = new ReportParser().parse(reportId, Files.readString(TestSamples.dir().resolve(sample)), ReportHints.NONE);
        ValidationResult result = new RuleEngine().validate(report);
        return ValidatedReportRecord.newBuilder()
                .setReport(AvroMapping.toRecord(report, Instant.parse("2020-01-15T00:00:00Z"), sourceUrl, null))
                .setStatus(result.status()).setFindings(AvroMapping.toRecords(result.findings()))
                .setValidatedAt(Instant.now()).build();
    }

    private static String key(ValidatedReportRecord v) {
        return Findings.identity(AvroMapping.fromRecord(v.getReport()));
    }

    private static JsonNode json(String s) {
        return s == null ? null : DrillDownTopology.read(s);
    }

    @Test
    void eachReportAsReadItsProvincesIssuersItsVersionsAndARetraction() throws Exception {
        ValidatedReportRecord qinghai = validated("004_9440981a45cb5a2e.txt", "v1", "http://www.gangcha.gov.cn/nb/2019.html");
        ValidatedReportRecord ningxia = validated("003_168a611abdf0e580.txt", "n1", null);
        String identity = key(qinghai);
        validated.pipeInput(identity, qinghai);
        validated.pipeInput(key(ningxia), ningxia);

        JsonNode detail = json(details.get(identity));
        assertThat(detail.path("identity").asText()).isEqualTo(identity);
        assertThat(detail.path("sourceUrl").asText()).isEqualTo("http://www.gangcha.gov.cn/nb/2019.html");
        assertThat(detail.path("status").asText()).isEqualTo("invalid");
        assertThat(detail.path("findings").size()).isEqualTo(qinghai.getFindings().size());
        assertThat(detail.path("sections")).hasSize(3);
        assertThat(detail.path("versions")).hasSize(1);

        JsonNode rows = IssuerRows.list(json(issuers.get("青海省|2019")));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("identity").asText()).isEqualTo(identity);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("invalid");
        assertThat(rows.get(0).path("errors").asInt()).isEqualTo(4);
        assertThat(rows.get(0).path("sourceUrl").asText()).isEqualTo("http://www.gangcha.gov.cn/nb/2019.html");
        assertThat(IssuerRows.list(json(issuers.get("宁夏回族自治区|2020")))).hasSize(1);

        // a correction of the same identity that no longer has the findings: one row still, two versions, the findings withdrawn
        ValidatedReportRecord corrected = validated("004_9440981a45cb5a2e.txt", "v2", "http://www.gangcha.gov.cn/nb/2019.html");
        corrected.setFindings(List.of());
        corrected.setStatus("valid");
        validated.pipeInput(identity, corrected);
        detail = json(details.get(identity));
        assertThat(detail.path("status").asText()).isEqualTo("valid");
        assertThat(detail.path("versions")).hasSize(2);
        assertThat(detail.at("/versions/0/withdrawn").size()).isEqualTo(qinghai.getFindings().size());
        rows = IssuerRows.list(json(issuers.get("青海省|2019")));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("valid");

        // a tombstone (the identity a correction left) takes the report and its row out
        validated.pipeInput(identity, (ValidatedReportRecord) null);
        assertThat(details.get(identity)).isNull();
        assertThat(IssuerRows.list(json(issuers.get("青海省|2019")))).isEmpty();
        assertThat(IssuerRows.list(json(issuers.get("宁夏回族自治区|2020")))).hasSize(1);
    }
}
