package io.nianbao.contracts;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Every RocksDB store of a Kafka Streams service shares one block cache and one write-buffer budget
 * ({@value #TOTAL_BYTES} bytes in all, memtables counted in the cache), instead of RocksDB's defaults of
 * 50 MB of cache and 3 × 16 MB of memtables per store and partition: the service's memory stays bounded
 * whatever the number of partitions (the pattern of Kafka Streams' memory-management guide).
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    static final long TOTAL_BYTES = 32L * 1024 * 1024;
    static final long MEMTABLE_BYTES = 8L * 1024 * 1024;

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
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store: they live as long as the service
    }
}
