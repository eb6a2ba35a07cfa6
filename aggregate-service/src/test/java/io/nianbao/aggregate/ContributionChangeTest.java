package io.nianbao.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nianbao.contracts.AggregateMapping;
import io.nianbao.contracts.Read;
import io.nianbao.contracts.Topics;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.model.Cell;
import io.nianbao.testsupport.TestRegistry;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/** What a version sends to its buckets, and the repartition's wire format (the serdes use the real registry). */
class ContributionChangeTest {

    private final Serde<ValidatedReportRecord> validatedSerde = Topics.VALIDATED.valueSerde(TestRegistry.url());
    private final Serde<ProvinceAggregateRecord> aggregateSerde = Topics.AGGREGATES.valueSerde(TestRegistry.url());

    private Read<ValidatedReportRecord> read(ValidatedReportRecord v) {
        byte[] bytes = validatedSerde.serializer().serialize(Topics.VALIDATED.name(), v);
        return new Read<>(validatedSerde.deserializer().deserialize(Topics.VALIDATED.name(), bytes), bytes);
    }

    private static VersionChange change(Read<ValidatedReportRecord> previous, Read<ValidatedReportRecord> current) {
        return new VersionChange(previous, previous == null ? null : AggregationTopology.contribution(previous.value()),
                current, current == null ? null : AggregationTopology.contribution(current.value()), null, null);
    }

    private static final UnaryOperator<io.nianbao.core.model.ParsedReport> FIX = r -> {
        r.applications().put("carriedOver", "total", Cell.of("0", 0));
        return r;
    };

    @Test
    void aCorrectionInItsBucketIsOneChangeARedeliveryNoneAMoveTwo() {
        Read<ValidatedReportRecord> v1 = read(Reports.validated("002_1d0c304c5194360b.txt", "v1", UnaryOperator.identity()));
        Read<ValidatedReportRecord> v2 = read(Reports.validated("002_1d0c304c5194360b.txt", "v2", FIX));
        Read<ValidatedReportRecord> elsewhere = read(Reports.validated("002_1d0c304c5194360b.txt", "v3",
                r -> Reports.placed(r, "安源区人民政府", "青海省", 2020)));

        List<KeyValue<String, ContributionChange>> correction = AggregationTopology.contributionChanges("id", change(v1, v2));
        assertThat(correction).hasSize(1);
        assertThat(correction.get(0).key).isEqualTo("江西省|2019");
        assertThat(correction.get(0).value.removed().getApplications().get("carriedOver").get("total")).isEqualTo(3.0);
        assertThat(correction.get(0).value.added().getApplications().get("carriedOver").get("total")).isEqualTo(0.0);

        // a redelivery: the same bytes read again from reports.validated
        assertThat(AggregationTopology.contributionChanges("id", change(v1, new Read<>(v1.value(), v1.bytes().clone())))).as("the same version again").isEmpty();

        List<KeyValue<String, ContributionChange>> move = AggregationTopology.contributionChanges("id", change(v1, elsewhere));
        assertThat(move).extracting(kv -> kv.key).containsExactly("江西省|2019", "青海省|2020");
        assertThat(move.get(0).value.added()).isNull();
        assertThat(move.get(1).value.removed()).isNull();

        assertThat(AggregationTopology.contributionChanges("id", change(null, v1))).singleElement().satisfies(kv -> assertThat(kv.value.removed()).isNull());
        assertThat(AggregationTopology.contributionChanges("id", change(v1, null))).singleElement().satisfies(kv -> assertThat(kv.value.added()).isNull());
    }

    @Test
    void aReplacementAppliedToItsBucketIsTheNewVersionAlone() {
        ProvinceAggregateRecord old = AggregationTopology.contribution(Reports.validated("002_1d0c304c5194360b.txt", "v1", UnaryOperator.identity()));
        ProvinceAggregateRecord fixed = AggregationTopology.contribution(Reports.validated("002_1d0c304c5194360b.txt", "v2", FIX));
        ProvinceAggregateRecord bucket = AggregateMapping.add(AggregateMapping.empty(), old);
        ProvinceAggregateRecord replaced = AggregationTopology.apply(bucket, new ContributionChange(old, fixed));
        assertThat(replaced.getReports()).isEqualTo(1);
        assertThat(replaced.getApplications().get("carriedOver").get("total")).isEqualTo(0.0);
        assertThat(replaced.getApplications()).isEqualTo(AggregateMapping.add(AggregateMapping.empty(), fixed).getApplications());
    }

    @Test
    void eachKindCrossesTheWireAndAnythingElseIsRefusedWithTheTopic() {
        Serde<ContributionChange> serde = ContributionChange.serde(aggregateSerde);
        ProvinceAggregateRecord a = AggregationTopology.contribution(Reports.validated("002_1d0c304c5194360b.txt", "a", UnaryOperator.identity()));
        ProvinceAggregateRecord b = AggregationTopology.contribution(Reports.validated("000_b7e468c868dd9816.txt", "b", UnaryOperator.identity()));
        for (ContributionChange c : List.of(new ContributionChange(null, a), new ContributionChange(a, null), new ContributionChange(a, b))) {
            ContributionChange back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", c));
            assertThat(back.removed() == null ? null : back.removed().getApplications()).isEqualTo(c.removed() == null ? null : c.removed().getApplications());
            assertThat(back.added() == null ? null : back.added().getApplications()).isEqualTo(c.added() == null ? null : c.added().getApplications());
        }
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "not avro".getBytes())).isInstanceOf(SerializationException.class).hasMessageContaining("on t");
        byte[] replace = serde.serializer().serialize("t", new ContributionChange(a, b));
        replace[1] = 0x7f; // a first part longer than the record
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", replace)).isInstanceOf(SerializationException.class).hasMessageContaining("first part");
        assertThatThrownBy(() -> new ContributionChange(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
