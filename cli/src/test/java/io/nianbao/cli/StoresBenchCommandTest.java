package io.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nianbao.contracts.avro.ValidatedReportRecord;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompressionType;

class StoresBenchCommandTest {

    @Test
    void theValuesAreValidatedReportsOfDistinctIssuersWithTheirTables() throws Exception {
        List<byte[]> values = StoresBenchCommand.validatedReports(4);
        SpecificDatumReader<ValidatedReportRecord> reader = new SpecificDatumReader<>(ValidatedReportRecord.class);
        List<ValidatedReportRecord> records = new java.util.ArrayList<>();
        for (byte[] v : values) records.add(reader.read(null, DecoderFactory.get().binaryDecoder(v, null)));
        Set<String> issuers = records.stream().map(r -> r.getReport().getIssuer()).collect(Collectors.toSet());
        assertThat(issuers).hasSize(4).doesNotContainNull();
        assertThat(records).allSatisfy(r -> assertThat(r.getReport().getApplications()).isNotEmpty());
    }

    @Test
    void aSmallStoreIsWrittenAndMeasured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.rocksdb.RocksDB.loadLibrary();
        List<byte[]> values = StoresBenchCommand.validatedReports(3);
        StoresBenchCommand.Result r = StoresBenchCommand.write(dir.resolve("lz4"), CompressionType.LZ4_COMPRESSION, values, 300);
        assertThat(r.cpuMsPerValue()).isPositive();
        assertThat(r.seconds()).isPositive();
        assertThat(java.nio.file.Files.list(dir.resolve("lz4")).anyMatch(p -> p.toString().endsWith(".sst"))).as("flushed to a table file").isTrue();
        // a second run into the same store is refused: its figures would not be a fresh store's
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoresBenchCommand.write(dir.resolve("lz4"), CompressionType.LZ4_COMPRESSION, values, 10))
                .isInstanceOf(org.rocksdb.RocksDBException.class);
    }

    @Test
    void badOptionsAreRefusedWithExit2BeforeAnyWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("left-over"), "x");
        for (String[] args : List.of(new String[] {"--values", "0"}, new String[] {"--compression", "lz4,lz4"}, new String[] {"--compression", "snappy"},
                new String[] {"--dir", dir.toString()})) {
            assertThat(new picocli.CommandLine(new StoresBenchCommand()).execute(args)).as(String.join(" ", args)).isEqualTo(2);
        }
    }

    @Test
    void aCompressionIsNamedOrRefusedWithWhatItTakes() {
        assertThat(StoresBenchCommand.compression(" LZ4")).isEqualTo(CompressionType.LZ4_COMPRESSION);
        assertThat(StoresBenchCommand.compression("none")).isEqualTo(CompressionType.NO_COMPRESSION);
        assertThatThrownBy(() -> StoresBenchCommand.compression("snappy")).hasMessageContaining("none, lz4 or zstd");
    }
}
