package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompactionStyle;
import org.rocksdb.Options;

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
}
