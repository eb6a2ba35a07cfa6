package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

class BoundedRocksDbTest {

    @Test
    void theBudgetIs16MbUnlessTheEnvironmentSaysOtherwise() {
        assertThat(BoundedRocksDb.cacheMegabytes(null)).isEqualTo(16);
        assertThat(BoundedRocksDb.cacheMegabytes(" ")).isEqualTo(16);
        assertThat(BoundedRocksDb.cacheMegabytes(" 64 ")).isEqualTo(64);
    }

    @Test
    void aBudgetThatIsNotAWholeNumberOfAtLeast4MbIsRefusedWithItsName() {
        assertThatThrownBy(() -> BoundedRocksDb.cacheMegabytes("32MB")).hasMessageContaining(BoundedRocksDb.CACHE_MB_ENV).hasMessageContaining("'32MB'");
        assertThatThrownBy(() -> BoundedRocksDb.cacheMegabytes("2")).hasMessageContaining("at least 4");
    }

    @Test
    void aStoreWaitsFor16SortedRunsBeforeCompactingAndKeepsRocksDbsHeadroomAboveThem() {
        BoundedRocksDb.checkEnvironment(); // loads the native library
        try (Options options = new Options()) {
            options.setCompactionStyle(CompactionStyle.UNIVERSAL); // as Kafka Streams' RocksDBStore sets it
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedRocksDb().setConfig("report-latest", options, Map.of());

            assertThat(options.level0FileNumCompactionTrigger()).isEqualTo(16);
            assertThat(options.level0SlowdownWritesTrigger()).isEqualTo(32);
            assertThat(options.level0StopWritesTrigger()).isEqualTo(48);
            assertThat(options.writeBufferSize()).isEqualTo(2L * 1024 * 1024);
            assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
        }
    }

    @Test
    void aStoreCompressesItsBlocksWithLz4AndReadsBackWhatItWasGiven(@TempDir Path dir) throws Exception {
        BoundedRocksDb.checkEnvironment();
        long raw = 0;
        try (Options options = new Options(); WriteOptions noWal = new WriteOptions().setDisableWAL(true); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            options.setCompactionStyle(CompactionStyle.UNIVERSAL);
            options.setCompressionType(CompressionType.NO_COMPRESSION); // Kafka Streams' choice, which the setter overrides
            options.setTableFormatConfig(new BlockBasedTableConfig());
            options.setCreateIfMissing(true);
            new BoundedRocksDb().setConfig("report-latest", options, Map.of());
            assertThat(options.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
            try (RocksDB db = RocksDB.open(options, dir.toString())) {
                for (int i = 0; i < 2_000; i++) {
                    byte[] value = value(i);
                    raw += value.length;
                    db.put(noWal, key(i), value);
                }
                db.flush(flush);
                long onDisk = Long.parseLong(db.getProperty("rocksdb.total-sst-files-size"));
                // the labels repeat from value to value, as table labels do from report to report
                assertThat(onDisk).isLessThan(raw / 2);
                assertThat(db.get(key(1234))).isEqualTo(value(1234));
            }
        }
    }

    private static byte[] key(int i) {
        return ("北京市|某区人民政府|2025|" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        StringBuilder value = new StringBuilder();
        for (int row = 0; row < 40; row++) value.append("行政许可").append(row).append("|本年新收政府信息公开申请数量|").append((i * 31 + row * 7) % 997).append(';');
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
