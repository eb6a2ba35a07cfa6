package io.nianbao.aggregate.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nianbao.aggregate.AggregationTopology;
import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.json.ReportJson;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
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
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drill-down stores on the aggregate topology, without a broker (the serdes use the real registry). */
class DrillDownTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, ValidatedReportRecord> validated;
    private KeyValueStore<String, Read<ValidatedReportRecord>> latest;
    private KeyValueStore<String, String> versions;
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
        latest = driver.getKeyValueStore(DrillDownTopology.REPORT_LATEST_STORE);
        versions = driver.getKeyValueStore(DrillDownTopology.REPORT_VERSIONS_STORE);
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

    /** The bucket's rows as the resource lists them: a prefix scan of the bucket's keys, sorted. */
    private JsonNode rows(String bucket) {
        ArrayNode all = ReportJson.MAPPER.createArrayNode();
        try (KeyValueIterator<String, String> it = issuers.prefixScan(DrillDownTopology.bucketPrefix(bucket), Serdes.String().serializer())) {
            it.forEachRemaining(kv -> {
                assertThat(kv.key).isEqualTo(DrillDownTopology.rowKey(bucket, json(kv.value).path("identity").asText()));
                all.add(json(kv.value));
            });
        }
        return IssuerRows.list(all);
    }

    /** How many entries the bucketed store holds (counted: RocksDB's estimate counts overwritten keys). */
    private int entries() {
        int n = 0;
        try (KeyValueIterator<String, String> all = issuers.all()) {
            for (; all.hasNext(); all.next()) n++;
        }
        return n;
    }

    /** The same report moved to another province and year (as a corrected reading of it would be). */
    private static ValidatedReportRecord movedTo(ValidatedReportRecord v, String province, int year) {
        ParsedReport b = AvroMapping.fromRecord(v.getReport());
        ParsedReport r = new ParsedReport(b.reportId(), b.issuer(), b.region(), province, b.divisionCode(), year,
                b.publishedDate(), b.documentNumber(), b.template(), b.activeDisclosureTemplate(), b.applicationsTemplate(),
                b.hintedFields(), b.activeDisclosure(), b.applications(), b.reviewLitigation(), b.narrativeFigures(), b.warnings(), b.readings());
        return ValidatedReportRecord.newBuilder(v).setReport(AvroMapping.toRecord(r, Instant.parse("2020-02-15T00:00:00Z"), v.getReport().getSourceUrl(), null)).build();
    }

    @Test
    void anIdentityThatMovesLeavesItsOldBucketAndTheSameVersionTwiceIsOneRow() throws Exception {
        ValidatedReportRecord qinghai = validated("004_9440981a45cb5a2e.txt", "v1", "http://www.gangcha.gov.cn/nb/2019.html");
        String identity = key(qinghai);
        validated.pipeInput(identity, qinghai);
        validated.pipeInput(identity, qinghai);
        assertThat(rows("青海省|2019")).hasSize(1);
        assertThat(entries()).isEqualTo(1);

        // a later reading puts the same identity in another province and year: only the new bucket lists it
        validated.pipeInput(identity, movedTo(qinghai, "海南省", 2021));
        assertThat(rows("青海省|2019")).isEmpty();
        assertThat(issuers.get(DrillDownTopology.rowKey("青海省|2019", identity))).isNull();
        JsonNode moved = rows("海南省|2021");
        assertThat(moved).hasSize(1);
        assertThat(moved.get(0).path("identity").asText()).isEqualTo(identity);
        assertThat(moved.get(0).path("province").asText()).isEqualTo("海南省");
        assertThat(moved.get(0).path("reportYear").asInt()).isEqualTo(2021);

        // to an unknown province, then retracted: nothing is left anywhere
        validated.pipeInput(identity, movedTo(qinghai, null, 2021));
        assertThat(rows("海南省|2021")).isEmpty();
        assertThat(rows("unknown|2021")).hasSize(1);
        validated.pipeInput(identity, (ValidatedReportRecord) null);
        assertThat(rows("unknown|2021")).isEmpty();
        assertThat(entries()).as("no row left after the retraction").isZero();
        // a tombstone for an identity never seen changes nothing
        validated.pipeInput("?|nobody|2019", (ValidatedReportRecord) null);
        assertThat(entries()).isZero();
    }

    @Test
    void manyIssuersInOneBucketAreOneSmallEntryEachAndOneScanFindsExactlyThem() throws Exception {
        ValidatedReportRecord base = validated("004_9440981a45cb5a2e.txt", "v1", null);
        ParsedReport b = AvroMapping.fromRecord(base.getReport());
        int n = 500;
        for (int i = 0; i < n; i++) {
            ParsedReport r = new ParsedReport("r" + i, "第" + i + "局", b.region(), b.province(), b.divisionCode(), b.reportYear(),
                    b.publishedDate(), b.documentNumber(), b.template(), b.activeDisclosureTemplate(), b.applicationsTemplate(),
                    b.hintedFields(), b.activeDisclosure(), b.applications(), b.reviewLitigation(), b.narrativeFigures(), b.warnings(), b.readings());
            validated.pipeInput(Findings.identity(r), ValidatedReportRecord.newBuilder(base).setReport(AvroMapping.toRecord(r, Instant.now(), null, null)).build());
        }
        // a province named like this bucket plus the year (青海省|2019|2019): with '|' between bucket and identity its rows would be in this scan
        validated.pipeInput(key(movedTo(base, "青海省|2019", 2019)), movedTo(base, "青海省|2019", 2019));
        JsonNode rows = rows("青海省|2019");
        assertThat(rows).hasSize(n);
        assertThat(entries()).isEqualTo(n + 1);
        // every entry is one small row, not the bucket
        try (KeyValueIterator<String, String> all = issuers.all()) {
            all.forEachRemaining(kv -> assertThat(json(kv.value).path("identity").isTextual()).isTrue());
        }
        // sorted by issuer, then identity, as the page lists them
        assertThat(rows.get(0).path("issuer").asText()).isEqualTo("第0局");
        assertThat(rows.get(1).path("issuer").asText()).isEqualTo("第100局");
    }

    @Test
    void everyRowOfABucketIsPartitionedLikeTheBucketKeyItself() {
        for (String bucket : List.of("青海省|2019", "海南省|2020", "unknown|unknown", "江苏省|unknown")) {
            int partitions = 8;
            int ofBucket = DrillDownTopology.BY_BUCKET.partitions("t", bucket, null, partitions).orElseThrow().iterator().next();
            // the default partitioner's partition of the bucket key: the aggregates' partition of it
            assertThat(ofBucket).isEqualTo(Utils.toPositive(Utils.murmur2(Serdes.String().serializer().serialize("t", bucket))) % partitions);
            for (String identity : List.of("630000|刚察县人民政府|2019", "?|?#r1|?#r1", "1|a|b")) {
                assertThat(DrillDownTopology.BY_BUCKET.partitions("t", DrillDownTopology.rowKey(bucket, identity), "{}", partitions))
                        .as(bucket + " " + identity).contains(java.util.Set.of(ofBucket));
            }
        }
    }

    @Test
    void eachReportAsReadItsProvincesIssuersItsVersionsAndARetraction() throws Exception {
        ValidatedReportRecord qinghai = validated("004_9440981a45cb5a2e.txt", "v1", "http://www.gangcha.gov.cn/nb/2019.html");
        ValidatedReportRecord ningxia = validated("003_168a611abdf0e580.txt", "n1", null);
        String identity = key(qinghai);
        validated.pipeInput(identity, qinghai);
        validated.pipeInput(key(ningxia), ningxia);

        JsonNode detail = DrillDownTopology.detail(identity, latest.get(identity), versions.get(identity));
        assertThat(detail.path("identity").asText()).isEqualTo(identity);
        assertThat(detail.path("sourceUrl").asText()).isEqualTo("http://www.gangcha.gov.cn/nb/2019.html");
        assertThat(detail.path("status").asText()).isEqualTo("invalid");
        assertThat(detail.path("findings").size()).isEqualTo(qinghai.getFindings().size());
        assertThat(detail.path("sections")).hasSize(3);
        assertThat(detail.path("versions")).hasSize(1);

        JsonNode rows = rows("青海省|2019");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("identity").asText()).isEqualTo(identity);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("invalid");
        assertThat(rows.get(0).path("errors").asInt()).isEqualTo(4);
        assertThat(rows.get(0).path("sourceUrl").asText()).isEqualTo("http://www.gangcha.gov.cn/nb/2019.html");
        assertThat(rows("宁夏回族自治区|2020")).hasSize(1);

        // a correction of the same identity that no longer has the findings: one row still, two versions, the findings withdrawn
        ValidatedReportRecord corrected = validated("004_9440981a45cb5a2e.txt", "v2", "http://www.gangcha.gov.cn/nb/2019.html");
        corrected.setFindings(List.of());
        corrected.setStatus("valid");
        validated.pipeInput(identity, corrected);
        detail = DrillDownTopology.detail(identity, latest.get(identity), versions.get(identity));
        assertThat(detail.path("status").asText()).isEqualTo("valid");
        assertThat(detail.path("versions")).hasSize(2);
        assertThat(detail.at("/versions/0/withdrawn").size()).isEqualTo(qinghai.getFindings().size());
        rows = rows("青海省|2019");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("valid");

        // a tombstone (the identity a correction left) takes the report and its row out
        validated.pipeInput(identity, (ValidatedReportRecord) null);
        assertThat(latest.get(identity)).isNull();
        assertThat(versions.get(identity)).isNull();
        assertThat(rows("青海省|2019")).isEmpty();
        assertThat(rows("宁夏回族自治区|2020")).hasSize(1);
    }
}
