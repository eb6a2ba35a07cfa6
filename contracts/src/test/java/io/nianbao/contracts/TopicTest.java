package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.avro.RawReport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void genericRecordsBecomeSpecificWithTheirLogicalTypes() {
        GenericRecord g = new GenericData.Record(RawReport.getClassSchema());
        g.put("id", new Utf8("abc"));
        g.put("receivedAt", 1_700_000_000_123L);
        g.put("contentType", new Utf8("text/plain"));
        g.put("charset", new Utf8("UTF-8"));
        g.put("body", ByteBuffer.wrap("报告".getBytes(StandardCharsets.UTF_8)));
        g.put("yearHint", 2019);
        RawReport r = Topics.RAW.fromGeneric(g);
        assertThat(r.getId()).isEqualTo("abc");
        assertThat(r.getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(r.getYearHint()).isEqualTo(2019);
        assertThat(r.getSourceUrl()).isNull();
    }

    @Test
    void channelNamesHaveNoDots() {
        for (Topic<?> t : Topics.ALL) assertThat(t.channel()).doesNotContain(".");
        assertThat(Topics.RAW.channel()).isEqualTo(Topics.RAW_CHANNEL);
        assertThat(Topics.PARSED.channel()).isEqualTo(Topics.PARSED_CHANNEL);
        assertThat(Topics.PARSE_FAILED.channel()).isEqualTo(Topics.PARSE_FAILED_CHANNEL);
        assertThat(Topics.VALIDATED.channel()).isEqualTo(Topics.VALIDATED_CHANNEL);
        assertThat(Topics.VALIDATE_FAILED.channel()).isEqualTo(Topics.VALIDATE_FAILED_CHANNEL);
        assertThat(Topics.ISSUES.channel()).isEqualTo(Topics.ISSUES_CHANNEL);
        assertThat(Topics.AGGREGATES.channel()).isEqualTo(Topics.AGGREGATES_CHANNEL);
        assertThat(Topics.AGGREGATE_FAILED.channel()).isEqualTo(Topics.AGGREGATE_FAILED_CHANNEL);
    }
}
