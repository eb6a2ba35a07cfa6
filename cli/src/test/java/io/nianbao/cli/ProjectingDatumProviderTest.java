package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class ProjectingDatumProviderTest {

    @Test
    void aValidatedReportIsReadWithOnlyWhatTheBenchUses() throws Exception {
        String text = PipelineBenchCommand.reports(1, 99, 0, PipelineBenchCommand.Tables.CONSISTENT).getFirst();
        var parsed = AvroMapping.toRecord(new ReportParser().parse("bench-0", text, ReportHints.NONE), Instant.ofEpochMilli(1_700_000_000_000L));
        ValidatedReportRecord validated = ValidatedReportRecord.newBuilder().setReport(parsed).setStatus("valid").setFindings(List.of())
                .setValidatedAt(Instant.ofEpochMilli(1_700_000_000_500L)).setLineage("bench-0").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<ValidatedReportRecord>(ValidatedReportRecord.getClassSchema()).write(validated, encoder);
        encoder.flush();

        GenericRecord read = new ProjectingDatumProvider<GenericRecord>().createDatumReader(ValidatedReportRecord.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertThat(read.getSchema().getFields()).extracting(f -> f.name()).containsExactly("report");
        GenericRecord report = (GenericRecord) read.get("report");
        assertThat(report.getSchema().getFields()).extracting(f -> f.name()).containsExactly("reportId", "province", "reportYear");
        assertThat(report.get("reportId").toString()).isEqualTo("bench-0");
        assertThat(String.valueOf(report.get("province"))).isEqualTo(parsed.getProvince());
        assertThat(report.get("reportYear")).isEqualTo(parsed.getReportYear());
        assertThat(parsed.getProvince()).isNotNull();
    }
}
