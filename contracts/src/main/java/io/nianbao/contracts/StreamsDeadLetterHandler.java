package io.nianbao.contracts;

import io.micrometer.core.instrument.Metrics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' deserialization and processing exception handler: a record that is not Avro, or one the
 * topology throws on, is logged, counted ({@code nianbao.<stage>.dead.letters}), written as it was
 * read (key and value bytes unchanged) to the stage's dead-letter topic with the reason in
 * {@link DeadLetters} headers, and skipped, so Kafka Streams never goes to ERROR over one record. Each
 * topology subclasses it with its stage, its input and its dead-letter topic.
 * <p>
 * The dead letter goes through a producer of its own (written before Kafka 4.2's KIP-1034 let a handler
 * hand records to Streams' own producer), outside the topology's transaction, and is
 * acknowledged before the record is skipped: a dead letter is written at least once. When it cannot be
 * written, the handler answers FAIL: a record is never dropped without a trace.
 */
public abstract class StreamsDeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler,
        org.apache.kafka.streams.errors.ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsDeadLetterHandler.class);

    private final String stage;
    private final Topic<?> input;
    private final Topic<?> deadLetters;
    private final String metric;

    protected StreamsDeadLetterHandler(String stage, Topic<?> input, Topic<?> deadLetters) {
        this.stage = stage;
        this.input = input;
        this.deadLetters = deadLetters;
        this.metric = metric(stage);
    }

    /** The counter of a stage's dead letters, tagged kind=deserialization|processing. */
    public static String metric(String stage) {
        return "nianbao." + stage + ".dead.letters";
    }

    /** One producer per broker address, shared by every task's handler, closed when the service stops. */
    private static final Map<String, KafkaProducer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private String bootstrap;
    private String clientId;

    @Override
    public void configure(Map<String, ?> configs) {
        Object servers = configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        bootstrap = servers instanceof java.util.List<?> list ? String.join(",", list.stream().map(Object::toString).toList()) : String.valueOf(servers);
        Object app = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        clientId = (app == null ? "nianbao-" + stage : app) + "-dead-letters";
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (retryLater(record.topic() + "/" + record.partition() + "/" + record.offset(), exception)) return DeserializationHandlerResponse.FAIL;
        // a repartition topic's record is the topology's own format, not the input's: say where it was
        String reason = record.topic().equals(input.name()) ? "the record is not a " + input.valueType().getSimpleName() + ": " + message(exception)
                : "the record on " + record.topic() + " (inside the topology) cannot be read: " + message(exception);
        return deadLetter("deserialization", record.topic(), record.partition(), record.offset(), record.key(), record.value(), record.headers(), reason, exception)
                ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (retryLater(context.topic() + "/" + context.partition() + "/" + context.offset(), exception)) return ProcessingHandlerResponse.FAIL;
        String reason = stage + " failed in " + context.processorNodeId() + ": " + message(exception);
        return deadLetter("processing", context.topic(), context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), reason, exception)
                ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    /**
     * An output the broker refuses for good (too large, a schema the registry's compatibility rule rejects):
     * the input that produced it is dead-lettered and the topology goes on; a transient refusal is retried.
     */
    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        return production(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, org.apache.kafka.clients.producer.ProducerRecord record,
                                                                           Exception exception, SerializationExceptionOrigin origin) {
        return production(context, record.topic(), exception);
    }

    private ProductionExceptionHandlerResponse production(ErrorHandlerContext context, String output, Exception exception) {
        if (TransientFailures.isTransient(exception) || context == null) return ProductionExceptionHandlerResponse.FAIL;
        String reason = "writing to " + output + " failed: " + message(exception);
        return deadLetter("production", context.topic(), context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), reason, exception) ? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
    }

    /**
     * The registry or the broker unreachable (or dropping a connection) is no fault of the record: the thread fails, is replaced after a
     * back-off ({@link StreamsThreadReplacement}) and reads the record again from the last commit.
     */
    private boolean retryLater(String source, Exception exception) {
        if (!TransientFailures.isTransient(exception)) return false;
        LOG.warn("{}: {} (transient: retried after a back-off, not dead-lettered)", source, message(exception));
        Metrics.counter("nianbao." + stage + ".transient.failures").increment();
        return true;
    }

    private boolean deadLetter(String kind, String topic, int partition, long offset, byte[] key, byte[] value,
                               Iterable<Header> sourceHeaders, String reason, Exception exception) {
        String source = topic + "/" + partition + "/" + offset;
        LOG.warn("{} → {}: {}", source, deadLetters.name(), reason, exception);
        Metrics.counter(metric, "kind", kind).increment();
        RecordHeaders headers = new RecordHeaders();
        if (sourceHeaders != null) for (Header h : sourceHeaders) headers.add(h);
        DeadLetters.headers(reason, stage, source, exception).forEach(headers::add);
        try {
            producer().send(new ProducerRecord<>(deadLetters.name(), null, key, value, headers)).get(60, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.error("could not write the dead letter of {} to {}: Kafka Streams stops on it rather than lose it", source, deadLetters.name(), e);
            return false;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return PRODUCERS.computeIfAbsent(bootstrap, servers -> {
            Map<String, Object> c = new HashMap<>();
            c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            c.putAll(KafkaClientSecurity.fromEnvironment());
            c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            c.put(ProducerConfig.ACKS_CONFIG, "all");
            c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, TopicsConfigSource.COMPRESSION);
            c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicSettings.fromEnvironment().maxRecordBytes());
            return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
        });
    }

    /** Closes the dead-letter producers (the service is stopping). */
    public static void closeAll() {
        PRODUCERS.values().forEach(p -> p.close(java.time.Duration.ofSeconds(5)));
        PRODUCERS.clear();
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null || m.contains(root.getMessage()) ? m : m + ": " + root.getMessage();
    }
}
