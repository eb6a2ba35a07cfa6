package io.nianbao.cli;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.BoundedRocksDb;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.RuleEngine;
import io.nianbao.core.validate.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What keeping reports costs a Streams service's RocksDB store: N validated reports (Avro, as
 * reports.validated carries them and report-latest keeps them) written under distinct keys into a fresh
 * store with Kafka Streams' options and then {@link BoundedRocksDb}'s, once per compression; CPU of the whole
 * process (the puts, flushes and compactions) and bytes written to disk per value, until no compaction is
 * left. The store grows as a service's does when every report is new.
 */
@Command(name = "bench-stores", description = {"Measure what a state store costs a report: N validated reports written into a fresh RocksDB",
        "with Kafka Streams' and nianbao's options, per compression: CPU ms and KB written per value, size on disk."})
final class StoresBenchCommand implements Callable<Integer> {

    @Option(names = "--values", defaultValue = "60000", description = "values written per compression (default: ${DEFAULT-VALUE})")
    int values;

    @Option(names = "--distinct", defaultValue = "2000", description = "distinct generated reports the values are taken from, a byte of each varied (default: ${DEFAULT-VALUE})")
    int distinct;

    @Option(names = "--compression", split = ",", defaultValue = "none,lz4", description = "compressions to compare, among none, lz4, zstd (default: ${DEFAULT-VALUE}; the services use lz4)")
    List<String> compressions;

    @Option(names = "--dir", description = "an empty or new folder for the scratch stores, kept afterwards (default: a temporary folder, deleted afterwards)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        String problem = problem();
        if (problem != null) { // as the other commands answer a bad option: the reason, exit 2
            System.err.println(problem);
            return 2;
        }
        if (ProcessStats.writtenBytes() < 0) System.out.println("warning: /proc/self/io cannot be read here (not Linux?): bytes written show as 0");
        RocksDB.loadLibrary();
        List<byte[]> reports = validatedReports(distinct);
        long bytes = reports.stream().mapToLong(b -> b.length).sum();
        System.out.printf("%d distinct validated reports, %.1f KB each on average; %d values per compression%n", reports.size(), bytes / 1024.0 / reports.size(), values);
        System.out.printf("%-12s %14s %14s %12s %10s%n", "compression", "CPU ms/value", "written KB/v", "on disk MB", "seconds");
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("nianbao-bench-stores");
        try {
            write(root.resolve("warm-up"), CompressionType.NO_COMPRESSION, reports, Math.min(values, 5_000)); // JIT and page cache, not printed
            for (String name : compressions) {
                Result r = write(root.resolve(name), compression(name), reports, values);
                System.out.printf("%-12s %14.3f %14.1f %12d %10.1f%n", name, r.cpuMsPerValue(), r.writtenKbPerValue(), r.onDiskMb(), r.seconds());
                if (r.writtenKbPerValue() == 0) System.out.println("  (no bytes written to storage: is " + root + " on tmpfs? give --dir on a disk)");
            }
        } finally {
            if (dir == null) deleteAll(root);
        }
        return 0;
    }

    /** What is wrong with the options, or null: checked before the reports are generated. */
    private String problem() throws IOException {
        if (values < 1 || distinct < 1) return "--values and --distinct must be at least 1";
        if (compressions.stream().distinct().count() < compressions.size()) return "--compression names each one once";
        for (String name : compressions) {
            try {
                compression(name);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) return "--dir " + dir + " is not empty: each store must start empty";
            }
        }
        return null;
    }

    record Result(double cpuMsPerValue, double writtenKbPerValue, long onDiskMb, double seconds) {
    }

    static CompressionType compression(String name) {
        return switch (name.strip().toLowerCase()) {
            case "none" -> CompressionType.NO_COMPRESSION;
            case "lz4" -> CompressionType.LZ4_COMPRESSION;
            case "zstd" -> CompressionType.ZSTD_COMPRESSION;
            default -> throw new IllegalArgumentException("--compression takes none, lz4 or zstd, not '" + name + "'");
        };
    }

    static Result write(Path path, CompressionType compression, List<byte[]> reports, int n) throws Exception {
        try (LRUCache streamsCache = new LRUCache(50L * 1024 * 1024); BloomFilter filter = new BloomFilter(); Options options = streamsOptions(streamsCache, filter);
             WriteOptions noWal = new WriteOptions().setDisableWAL(true); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            new BoundedRocksDb().setConfig("report-latest", options, Map.of());
            options.setErrorIfExists(true); // a fresh store, or no figures
            options.setCompressionType(compression);
            long cpu0 = ProcessStats.cpuNanos(), written0 = ProcessStats.writtenBytes(), start = System.nanoTime();
            try (RocksDB db = RocksDB.open(options, path.toString())) {
                Random random = new Random(1);
                for (int i = 0; i < n; i++) {
                    byte[] value = reports.get(i % reports.size()).clone();
                    value[value.length / 2] ^= (byte) (1 + random.nextInt(255)); // not the same bytes as the value written just before
                    db.put(noWal, ("四川省|成都市|某县" + i + "|2025").getBytes(StandardCharsets.UTF_8), value);
                }
                db.flush(flush);
                while (!"0".equals(db.getProperty("rocksdb.num-running-compactions")) || !"0".equals(db.getProperty("rocksdb.compaction-pending"))
                        || !"0".equals(db.getProperty("rocksdb.num-running-flushes"))) Thread.sleep(50);
                long onDisk = Long.parseLong(db.getProperty("rocksdb.live-sst-files-size"));
                return new Result((ProcessStats.cpuNanos() - cpu0) / 1e6 / n, (ProcessStats.writtenBytes() - written0) / 1024.0 / n, onDisk >> 20, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** The options Kafka Streams 4.2's RocksDBStore sets before it calls the config setter (its cache and filter closed by the caller). */
    static Options streamsOptions(LRUCache cache, BloomFilter filter) {
        Options options = new Options();
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        table.setBlockCache(cache);
        table.setBlockSize(4096);
        table.setFilterPolicy(filter);
        options.setOptimizeFiltersForHits(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferSize(16L * 1024 * 1024);
        options.setCompressionType(CompressionType.NO_COMPRESSION);
        options.setCompactionStyle(CompactionStyle.UNIVERSAL);
        options.setMaxWriteBufferNumber(3);
        options.setCreateIfMissing(true);
        options.setErrorIfExists(false);
        options.setInfoLogLevel(InfoLogLevel.ERROR_LEVEL);
        options.setIncreaseParallelism(Math.max(Runtime.getRuntime().availableProcessors(), 2));
        return options;
    }

    /** Validated reports as reports.validated carries them (without the registry's framing): the pipeline bench's reports, parsed and validated by the core. */
    static List<byte[]> validatedReports(int n) throws IOException {
        ReportParser parser = new ReportParser();
        RuleEngine rules = new RuleEngine();
        SpecificDatumWriter<ValidatedReportRecord> writer = new SpecificDatumWriter<>(ValidatedReportRecord.class);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<byte[]> out = new ArrayList<>(n);
        BinaryEncoder encoder = null;
        for (String text : PipelineBenchCommand.reports(n, 0, 0, PipelineBenchCommand.Tables.CONSISTENT)) {
            ParsedReport report = parser.parse("bench-" + out.size(), text, ReportHints.NONE);
            ValidationResult result = rules.validate(report);
            ValidatedReportRecord record = AvroMapping.validatedRecord(AvroMapping.toRecord(report, at), result.status(), result.findings(), at, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
            encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
            writer.write(record, encoder);
            encoder.flush();
            out.add(bytes.toByteArray());
        }
        return out;
    }

    private static void deleteAll(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** This process's CPU time (the JDK's, every thread, RocksDB's included) and bytes written to storage (/proc, Linux; -1 where it cannot be read). */
    static final class ProcessStats {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

        static long cpuNanos() {
            return OS.getProcessCpuTime();
        }

        static long writtenBytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/io"))) if (line.startsWith("write_bytes:")) return Long.parseLong(line.substring(12).strip());
            } catch (IOException | RuntimeException e) {
                // below
            }
            return -1;
        }
    }
}
