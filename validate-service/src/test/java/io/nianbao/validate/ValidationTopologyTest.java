package io.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.contracts.avro.ValidationIssueRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.ReportIdentity;
import io.nianbao.testsupport.TestRegistry;
import io.nianbao.testsupport.TestSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate-service's topology without a broker (the serdes use the real registry): versions, lineages, cross-year, retractions. */
class ValidationTopologyTest {

    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

    /** The driver's state folder, deleted after each test. */
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ParsedReportRecord> parsed;
    private TestOutputTopic<String, ValidatedReportRecord> validated;
    private TestOutputTopic<String, ValidationIssueRecord> issues;
    private String registry;

    @BeforeEach
    void start() throws Exception {
        registry = TestRegistry.url();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "validate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ValidationTopology.build(ValidationTopology.PIPELINE, registry), props);
        parsed = driver.createInputTopic(Topics.PARSED.name(), Serdes.String().serializer(), Topics.PARSED.valueSerde(registry).serializer());
        validated = driver.createOutputTopic(Topics.VALIDATED.name(), Serdes.String().deserializer(), Topics.VALIDATED.valueSerde(registry).deserializer());
        issues = driver.createOutputTopic(Topics.ISSUES.name(), Serdes.String().deserializer(), Topics.ISSUES.valueSerde(registry).deserializer());
    }

    /** The ledger's entry for an identity: kept encoded as reports.validated carries it. */
    private ValidatedReportRecord ledger(String identity) {
        byte[] bytes = driver.<String, byte[]>getKeyValueStore(ValidationTopology.LEDGER_STORE).get(identity);
        return bytes == null ? null : Topics.VALIDATED.valueSerde(registry).deserializer().deserialize(Topics.VALIDATED.name(), bytes);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** 002: 安源区人民政府 2019, two APP_BALANCE errors (carried over 3 does not balance). */
    private static ParsedReport anyuan(String id, int year) {
        try {
            ParsedReport r = new ReportParser().parse(id, Files.readString(TestSamples.dir().resolve("002_1d0c304c5194360b.txt")), ReportHints.NONE);
            return new ParsedReport(r.reportId(), r.issuer(), r.region(), r.province(), r.divisionCode(), year, r.publishedDate(),
                    r.documentNumber(), r.template(), r.activeDisclosureTemplate(), r.applicationsTemplate(), r.hintedFields(),
                    r.activeDisclosure(), r.applications(), r.reviewLitigation(), r.narrativeFigures(), r.warnings(), r.readings());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 2019 report corrected: carried over 0, so the balance holds. */
    private static ParsedReport balanced(String id, int year) {
        ParsedReport r = anyuan(id, year);
        r.applications().put("carriedOver", "naturalPerson", Cell.of("0", 0));
        r.applications().put("carriedOver", "total", Cell.of("0", 0));
        return r;
    }

    private void send(ParsedReport report, Instant receivedAt, String sourceUrl, String supersedes) {
        ParsedReportRecord record = AvroMapping.toRecord(report, receivedAt, sourceUrl, supersedes);
        parsed.pipeInput(record.getIdentity(), record, receivedAt);
    }

    private List<String> actions(List<TestRecord<String, ValidationIssueRecord>> records, String rule) {
        return records.stream().filter(r -> r.value().getRule().equals(rule))
                .map(r -> r.value().getAction() + " " + r.value().getReportYear() + " " + r.value().getColumn()).sorted().toList();
    }

    @Test
    void aChangeWrittenBeforeTheBytesWerePassedOnIsStillValidated() {
        // by-issuer records of a release before 2026-12-02 carry the report inline, not its bytes: one left in
        // the repartition topic at an upgrade is validated like the rest
        ParsedReportRecord record = AvroMapping.toRecord(anyuan("inline", 2019), T0, null, null);
        TestInputTopic<String, io.nianbao.contracts.avro.ReportChangeRecord> byIssuer = driver.createInputTopic("validate-test-" + ValidationTopology.BY_ISSUER + "-repartition",
                Serdes.String().serializer(), ValidationTopology.changeSerde(registry).serializer());
        byIssuer.pipeInput(ReportIdentity.issuerKeyOf(record.getIdentity()),
                new io.nianbao.contracts.avro.ReportChangeRecord(record.getIdentity(), "inline", record, false, null), T0);
        TestRecord<String, ValidatedReportRecord> out = validated.readRecord();
        assertThat(out.key()).isEqualTo(record.getIdentity());
        assertThat(out.value().getReport().getReportId()).isEqualTo("inline");
        assertThat(actions(issues.readRecordsToList(), "APP_BALANCE")).containsExactly("RAISED 2019 naturalPerson", "RAISED 2019 total");
        // and the new form, the bytes as reports.parsed carried them, through the whole topology
        send(anyuan("bytes", 2020), T0.plusSeconds(1), null, null);
        assertThat(validated.readRecord().value().getReport().getReportId()).isEqualTo("bytes");
    }

    @Test
    void theLineageHeaderStaysOnReportsParsed() {
        // it names the partition of reports.parsed; on by-issuer a dead letter would carry it and a replay put it by lineage, not by issuer
        ParsedReportRecord record = AvroMapping.toRecord(anyuan("with-header", 2019), T0, "https://example.gov.cn/2019.html", null);
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        io.nianbao.contracts.LineagePartitioner.addHeader(headers, AvroMapping.lineage(record));
        parsed.pipeInput(new TestRecord<>(record.getIdentity(), record, headers, T0));
        TestOutputTopic<String, byte[]> byIssuer = driver.createOutputTopic("validate-test-" + ValidationTopology.BY_ISSUER + "-repartition",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        TestRecord<String, byte[]> passedOn = byIssuer.readRecord();
        assertThat(passedOn.key()).isEqualTo(ReportIdentity.issuerKeyOf(record.getIdentity()));
        assertThat(passedOn.headers().lastHeader(io.nianbao.contracts.LineagePartitioner.PARTITION_KEY_HEADER)).isNull();
        assertThat(validated.readRecord().value().getReport().getReportId()).isEqualTo("with-header");
    }

    @Test
    void aVersionIsValidatedOnceAndALaterOneWithdrawsWhatItFixed() {
        send(anyuan("v1", 2019), T0, null, null);
        send(anyuan("v1", 2019), T0, null, null); // delivered twice: nothing new
        List<TestRecord<String, ValidationIssueRecord>> first = issues.readRecordsToList();
        assertThat(actions(first, "APP_BALANCE")).containsExactly("RAISED 2019 naturalPerson", "RAISED 2019 total");
        assertThat(validated.readRecordsToList()).hasSize(1);

        send(balanced("v2", 2019), T0.plusSeconds(60), null, null);
        List<TestRecord<String, ValidationIssueRecord>> second = issues.readRecordsToList();
        assertThat(actions(second, "APP_BALANCE")).containsExactly("WITHDRAWN 2019 naturalPerson", "WITHDRAWN 2019 total");
        assertThat(second).extracting(r -> r.value().getFindingId()).containsExactlyInAnyOrderElementsOf(first.stream()
                .filter(r -> r.value().getRule().equals("APP_BALANCE")).map(r -> r.value().getFindingId()).toList());
        TestRecord<String, ValidatedReportRecord> latest = validated.readRecord();
        assertThat(latest.key()).isEqualTo(ReportIdentity.key(anyuan("v2", 2019)));
        assertThat(latest.value().getReport().getReportId()).isEqualTo("v2");
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() {
        send(balanced("v2", 2019), T0.plusSeconds(60), null, null);
        validated.readRecordsToList();
        issues.readRecordsToList();
        send(anyuan("v1", 2019), T0, null, null);
        assertThat(validated.isEmpty()).isTrue();
        assertThat(issues.isEmpty()).isTrue();
        assertThat(ledger(ReportIdentity.key(anyuan("v2", 2019))).getReport().getReportId()).isEqualTo("v2");
    }

    @Test
    void crossYearFindingsBelongToTheLaterReportInEitherOrder() {
        ParsedReport y2018 = anyuan("y2018", 2018);
        y2018.applications().put("carriedForward", "total", Cell.of("2", 2));
        y2018.applications().put("carriedForward", "naturalPerson", Cell.of("2", 2));
        // later year first: its cross-year finding comes when the predecessor arrives
        send(anyuan("y2019", 2019), T0, null, null);
        assertThat(actions(issues.readRecordsToList(), "CROSS_YEAR_CARRY")).isEmpty();
        validated.readRecordsToList();
        send(y2018, T0.plusSeconds(1), null, null);
        assertThat(actions(issues.readRecordsToList(), "CROSS_YEAR_CARRY")).containsExactly("RAISED 2019 naturalPerson", "RAISED 2019 total");
        List<TestRecord<String, ValidatedReportRecord>> out = validated.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly(ReportIdentity.key(y2018), ReportIdentity.key(anyuan("y2019", 2019)));
    }

    @Test
    void aCorrectionAtTheSameSourceUrlThatChangesTheYearRetractsTheEarlierIdentity() {
        String url = "http://www.example.gov.cn/zwgk/2020/t20200115_1.html";
        ParsedReport wrongYear = anyuan("wrong-year", 2019);
        send(wrongYear, T0, url, null);
        List<TestRecord<String, ValidationIssueRecord>> raised = issues.readRecordsToList();
        validated.readRecordsToList();

        send(anyuan("right-year", 2020), T0.plusSeconds(3600), url, null);
        List<TestRecord<String, ValidatedReportRecord>> out = validated.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly(ReportIdentity.key(wrongYear), ReportIdentity.key(anyuan("x", 2020)));
        assertThat(out.getFirst().value()).as("a tombstone for the identity the correction left").isNull();
        assertThat(out.get(1).value().getReport().getSourceUrl()).isEqualTo(url);
        List<TestRecord<String, ValidationIssueRecord>> after = issues.readRecordsToList();
        assertThat(after.stream().filter(r -> r.value().getAction().equals(Issues.WITHDRAWN)).map(r -> r.value().getFindingId()))
                .containsExactlyInAnyOrderElementsOf(raised.stream().map(r -> r.value().getFindingId()).toList());
        assertThat(after.stream().filter(r -> r.value().getAction().equals(Issues.RAISED))).allMatch(r -> r.value().getReportYear() == 2020);

        // the wrong version delivered again, late: its lineage has moved on, it stays retracted
        send(wrongYear, T0, url, null);
        assertThat(validated.isEmpty()).isTrue();
        assertThat(issues.isEmpty()).isTrue();
    }

    @Test
    void anExplicitSupersedesRetractsTheVersionItNames() {
        // a report ingested without a source URL, then its correction naming it by the id ingest answered
        ParsedReport first = anyuan("first", 2019);
        send(first, T0, null, null);
        validated.readRecordsToList();
        List<TestRecord<String, ValidationIssueRecord>> raised = issues.readRecordsToList();
        send(anyuan("second", 2020), T0.plusSeconds(10), null, "first");
        List<TestRecord<String, ValidatedReportRecord>> out = validated.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly(ReportIdentity.key(first), ReportIdentity.key(anyuan("x", 2020)));
        assertThat(out.getFirst().value()).as("the version it names is retracted").isNull();
        assertThat(issues.readRecordsToList().stream().filter(r -> r.value().getAction().equals(Issues.WITHDRAWN)).map(r -> r.value().getFindingId()))
                .containsExactlyInAnyOrderElementsOf(raised.stream().map(r -> r.value().getFindingId()).toList());
        // a third version naming the same id changes the year again: the second is retracted in turn
        send(anyuan("third", 2021), T0.plusSeconds(20), null, "first");
        out = validated.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly(ReportIdentity.key(anyuan("x", 2020)), ReportIdentity.key(anyuan("x", 2021)));
        assertThat(out.getFirst().value()).isNull();
    }

    @Test
    void versionsReceivedInTheSameMillisecondEndTheSameInEitherArrivalOrder() {
        send(anyuan("b-version", 2019), T0, null, null);
        send(anyuan("a-version", 2019), T0, null, null);
        // ordered by (time, report id): "b-version" is the later of the two whichever came first
        assertThat(ledger(ReportIdentity.key(anyuan("x", 2019))).getReport().getReportId()).isEqualTo("b-version");
    }

    @Test
    void theSameReportIdReadForAnotherYearIsPublishedUnderThatYear() {
        send(anyuan("same-bytes", 2019), T0, null, null);
        send(anyuan("same-bytes", 2018), T0.plusSeconds(5), null, null);
        for (TestRecord<String, ValidatedReportRecord> r : validated.readRecordsToList()) {
            if (r.value() != null) assertThat(r.key()).endsWith("|" + r.value().getReport().getReportYear());
        }
        assertThat(ledger(ReportIdentity.key(anyuan("x", 2019))).getReport().getReportYear()).isEqualTo(2019);
        assertThat(ledger(ReportIdentity.key(anyuan("x", 2018))).getReport().getReportYear()).isEqualTo(2018);
    }

    @Test
    void nextYearsReportAtTheSameAddressIsAReportOfItsOwn() {
        String url = "http://www.example.gov.cn/zwgk/ndbg.html";
        send(anyuan("y2019", 2019), T0, url, null);
        send(anyuan("y2020", 2020), T0.plus(java.time.Duration.ofDays(365)), url, null);
        assertThat(ledger(ReportIdentity.key(anyuan("x", 2019))).getStatus()).isNotEqualTo("retracted");
        assertThat(ledger(ReportIdentity.key(anyuan("x", 2020))).getReport().getReportId()).isEqualTo("y2020");
    }

    @Test
    void sameNamedDistrictsOfDifferentProvincesAreTwoReports() {
        ParsedReport a = anyuan("a", 2019);
        ParsedReport b = new ParsedReport("b", a.issuer(), a.region(), "福建省", "350102", 2019, a.publishedDate(), a.documentNumber(),
                a.template(), a.activeDisclosureTemplate(), a.applicationsTemplate(), a.hintedFields(), a.activeDisclosure(), a.applications(),
                a.reviewLitigation(), a.narrativeFigures(), a.warnings(), a.readings());
        send(a, T0, null, null);
        send(b, T0.plusSeconds(1), null, null);
        assertThat(validated.readRecordsToList()).extracting(TestRecord::key).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void theFinalStateDoesNotDependOnTheOrderVersionsArriveIn() {
        List<ParsedReportRecord> versions = Versions.generate(new java.util.Random(7), 400);
        for (ParsedReportRecord v : versions) parsed.pipeInput(v.getIdentity(), v, v.getReceivedAt());
        java.util.Map<String, String> table = new java.util.TreeMap<>();
        for (TestRecord<String, ValidatedReportRecord> r : validated.readRecordsToList()) {
            if (r.value() == null) table.remove(r.key());
            else table.put(r.key(), r.value().getReport().getReportId() + " " + r.value().getStatus() + " " + r.value().getFindings().size());
        }
        assertThat(Versions.differences(Versions.expectedTable(versions), table)).isEmpty();
    }
}
