package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.nianbao.contracts.avro.RawReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class ContractsDatumProviderTest {

    private final ContractsDatumProvider<Object> provider = configured();

    private static ContractsDatumProvider<Object> configured() {
        ContractsDatumProvider<Object> p = new ContractsDatumProvider<>();
        p.configure(new AvroSerdeConfig(Map.of(Registry.DATUM_PROVIDER_PROPERTY, ContractsDatumProvider.class.getName())));
        return p;
    }

    private static RawReport raw() {
        return RawReport.newBuilder().setId("abc").setReceivedAt(Instant.ofEpochMilli(1_700_000_000_123L)).setContentType("text/plain")
                .setCharset("UTF-8").setBody(ByteBuffer.wrap("报告".getBytes(StandardCharsets.UTF_8))).setYearHint(2019)
                .setSourceUrl("https://example.gov.cn/a.html").build();
    }

    @Test
    void aWriterIsBuiltOncePerSchemaAndKindOfRecord() {
        RawReport specific = raw();
        DatumWriter<Object> first = provider.createDatumWriter(specific, specific.getSchema());
        assertThat(provider.createDatumWriter(raw(), specific.getSchema())).isSameAs(first);
        GenericRecord generic = new GenericData.Record(specific.getSchema());
        assertThat(provider.createDatumWriter(generic, specific.getSchema())).as("a generic record gets a generic writer").isNotSameAs(first);
    }

    @Test
    void ourRecordsAreReadStraightIntoTheGeneratedClassWithTheirTimestamps() throws IOException {
        RawReport original = raw();
        byte[] bytes = write(provider.createDatumWriter(original, original.getSchema()), original);
        // the registry hands the writer schema as a parsed copy, not the generated class's instance
        Schema fromRegistry = new Schema.Parser().parse(RawReport.getClassSchema().toString());
        Object read = provider.createDatumReader(fromRegistry).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertThat(read).isInstanceOf(RawReport.class).isEqualTo(original);
        assertThat(((RawReport) read).getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        Schema parsedAgain = new Schema.Parser().parse(RawReport.getClassSchema().toString());
        assertThat(provider.createDatumReader(parsedAgain)).as("cached by the schema's value, not its instance").isSameAs(provider.createDatumReader(fromRegistry));
    }

    /** Every logical type the contracts' schemas use has its conversion in the provider's model, so no field is read raw. */
    @Test
    void everyLogicalTypeOfTheContractsIsConverted() throws IOException {
        java.util.Set<String> used = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src", "main", "avro"))) {
            for (java.nio.file.Path p : files.toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"logicalType\"\\s*:\\s*\"([^\"]+)\"").matcher(java.nio.file.Files.readString(p));
                while (m.find()) used.add(m.group(1));
            }
        }
        assertThat(used).isNotEmpty();
        for (String logicalType : used) assertThat(ContractsDatumProvider.conversionFor(logicalType)).as(logicalType).isNotNull();
    }

    @Test
    void anOlderVersionOfOurSchemaIsResolvedWithDefaults() throws IOException {
        Schema current = RawReport.getClassSchema();
        // the version before the field supersedes was added
        java.util.List<Schema.Field> fields = current.getFields().stream().filter(f -> !f.name().equals("supersedes"))
                .map(f -> new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal())).toList();
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        GenericRecord g = new GenericData.Record(older);
        g.put("id", "old");
        g.put("receivedAt", 1_600_000_000_000L);
        g.put("contentType", "text/plain");
        g.put("charset", "UTF-8");
        g.put("body", ByteBuffer.wrap(new byte[] {1, 2}));
        byte[] bytes = write(new GenericDatumWriter<>(older), g);
        RawReport read = (RawReport) provider.createDatumReader(older).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertThat(read.getId()).isEqualTo("old");
        assertThat(read.getReceivedAt()).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
        assertThat(read.getSupersedes()).isNull();
    }

    @Test
    void recordsThatAreNotOursStayGeneric() throws IOException {
        Schema other = SchemaBuilder.record("Thing").namespace("org.example").fields().requiredString("name").endRecord();
        GenericRecord g = new GenericData.Record(other);
        g.put("name", "x");
        byte[] bytes = write(new GenericDatumWriter<>(other), g);
        Object read = provider.createDatumReader(other).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertThat(read).isInstanceOf(GenericData.Record.class);
        assertThat(((GenericRecord) read).get("name").toString()).isEqualTo("x");
    }

    /** As Apicurio writes: Avro's direct encoder on a small ByteArrayOutputStream. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] writeDirect(DatumWriter writer, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static RawReport rawWithBody(int bytes) {
        byte[] body = new byte[bytes];
        for (int i = 0; i < bytes; i++) body[i] = (byte) (i * 7 + 3);
        RawReport r = raw();
        r.setBody(ByteBuffer.wrap(body));
        return r;
    }

    @Test
    void theWriterGivesApicuriosEncoderTheBytesAvroWouldHaveWrittenFieldByField() throws IOException {
        for (int size : new int[] {10, 40_000, 1_500_000, 20}) { // past the buffer's first size, past the size it keeps, and back
            RawReport report = rawWithBody(size);
            DatumWriter<Object> writer = provider.createDatumWriter(report, report.getSchema());
            assertThat(writer).isInstanceOf(ContractsDatumProvider.BufferedWriter.class);
            assertThat(writeDirect(writer, report)).as("%d bytes of body", size)
                    .isEqualTo(writeDirect(new org.apache.avro.specific.SpecificDatumWriter<>(RawReport.class), report));
        }
    }

    @Test
    void aWriteThatFailedLeavesNothingInTheNextOne() throws IOException {
        Schema other = SchemaBuilder.record("Thing").namespace("org.example").fields().requiredString("name").requiredString("kind").endRecord();
        GenericRecord broken = new GenericData.Record(other);
        broken.put("name", "x".repeat(5_000)); // written into the buffer before the missing field fails
        GenericRecord fine = new GenericData.Record(other);
        fine.put("name", "y");
        fine.put("kind", "z");
        DatumWriter<Object> writer = provider.createDatumWriter(fine, other);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writeDirect(writer, broken)).isInstanceOf(RuntimeException.class);
        assertThat(writeDirect(writer, fine)).isEqualTo(writeDirect(new GenericDatumWriter<>(other), fine));
    }

    @Test
    void aJsonEncoderIsWrittenToAsBefore() throws IOException {
        RawReport report = raw();
        DatumWriter<Object> writer = provider.createDatumWriter(report, report.getSchema());
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().jsonEncoder(report.getSchema(), ours);
        writer.write(report, encoder);
        encoder.flush();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        var plainEncoder = EncoderFactory.get().jsonEncoder(report.getSchema(), plain);
        new org.apache.avro.specific.SpecificDatumWriter<>(RawReport.class).write(report, plainEncoder);
        plainEncoder.flush();
        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(plain.toString(StandardCharsets.UTF_8)).contains("\"abc\"");
    }

    @Test
    void aResetBufferStartsEmptyAndLetsGoOfAnArrayGrownPastTheKeptSize() {
        ContractsDatumProvider.Buffer buffer = new ContractsDatumProvider.Buffer();
        buffer.write(new byte[100], 0, 100);
        byte[] small = buffer.bytes;
        buffer.reset();
        assertThat(buffer.size).isZero();
        assertThat(buffer.bytes).isSameAs(small);
        buffer.write(new byte[ContractsDatumProvider.Buffer.KEPT_BYTES + 1], 0, ContractsDatumProvider.Buffer.KEPT_BYTES + 1);
        buffer.reset();
        assertThat(buffer.size).isZero();
        assertThat(buffer.bytes).hasSize(ContractsDatumProvider.Buffer.INITIAL_BYTES);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] write(DatumWriter writer, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
