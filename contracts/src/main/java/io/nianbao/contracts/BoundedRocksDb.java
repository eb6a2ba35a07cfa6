package io.nianbao.contracts;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Every RocksDB store of a Kafka Streams service shares one block cache and one write-buffer budget
 * (16 MB in all unless {@value #CACHE_MB_ENV} says otherwise, a quarter of it for memtables, counted in the cache),
 * instead of RocksDB's defaults of 50 MB of cache and 3 × 16 MB of memtables per store and partition: the
 * service's memory stays bounded whatever the number of partitions (the pattern of Kafka Streams'
 * memory-management guide). The stores are read on corrections and queries, not for every report.
 *
 * <p>Within that budget a memtable is flushed small (tens of KB to 2 MB), and universal compaction, which Kafka
 * Streams chooses, merged every 4 such files into the store's runs: in a store of 1 GB each report cost 345–600 KB
 * of writes and more compaction CPU than the stream thread. Letting {@value #SORTED_RUNS_BEFORE_COMPACTION} runs
 * pile up first took that to 19–43 KB; a key is still found with one bloom-filter probe per run.
 *
 * <p>Blocks are compressed with LZ4 (Kafka Streams leaves them uncompressed): a store's values are Avro records
 * whose map keys (table labels, rule names) repeat from report to report. {@code ./nianbao bench stores}, 200,000
 * validated reports of 6.6 KB: 466 MB on disk instead of 1,310 and 9 KB written a value instead of 24, for
 * 0.086 ms of CPU a value instead of 0.072–0.078 (zstd: a fifth smaller again, at twice the CPU).
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    public static final String CACHE_MB_ENV = "NIANBAO_ROCKSDB_CACHE_MB";
    static final int SORTED_RUNS_BEFORE_COMPACTION = 16;
    /** RocksDB's defaults are 20 and 36 over a trigger of 4: the same headroom above the higher trigger. */
    static final int SORTED_RUNS_BEFORE_SLOWDOWN = SORTED_RUNS_BEFORE_COMPACTION + 16;
    static final int SORTED_RUNS_BEFORE_STOP = SORTED_RUNS_BEFORE_COMPACTION + 32;
    static final CompressionType COMPRESSION = CompressionType.LZ4_COMPRESSION;
    static final long TOTAL_BYTES = cacheMegabytes(System.getenv(CACHE_MB_ENV)) * 1024 * 1024;
    static final long MEMTABLE_BYTES = TOTAL_BYTES / 4;

    static {
        RocksDB.loadLibrary(); // Kafka Streams has loaded it by the time it asks for options; anyone else may not have
    }

    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(2L * 1024 * 1024);
        options.setTableFormatConfig(table);
        options.setLevel0FileNumCompactionTrigger(SORTED_RUNS_BEFORE_COMPACTION);
        options.setLevel0SlowdownWritesTrigger(SORTED_RUNS_BEFORE_SLOWDOWN);
        options.setLevel0StopWritesTrigger(SORTED_RUNS_BEFORE_STOP);
        options.setCompressionType(COMPRESSION);
    }

    /**
     * Reads the budget from the environment now, so that a service given a bad value stops at start-up with
     * the reason, rather than its stream threads failing (and being replaced) when they open a store.
     */
    public static long checkEnvironment() {
        return TOTAL_BYTES / (1024 * 1024);
    }

    /** The budget in MB: the variable's value, 16 when it is not set. */
    static long cacheMegabytes(String value) {
        if (value == null || value.isBlank()) return 16;
        try {
            long mb = Long.parseLong(value.strip());
            if (mb >= 4) return mb;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(CACHE_MB_ENV + " must be a whole number of MB, at least 4, not '" + value + "'");
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store: they live as long as the service
    }
}
