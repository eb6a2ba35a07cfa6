package io.nianbao.contracts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives SmallRye Reactive Messaging each channel's topic and serdes from {@link Topics}, so services
 * configure neither by hand. A service subclasses it with the topics it reads and writes and lists the
 * subclass in META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource. Ordinal 150: above
 * the packaged application.properties (250 would override env vars; 150 keeps them in charge).
 */
public abstract class TopicsConfigSource implements ConfigSource {

    private final Map<String, String> properties = new HashMap<>();

    /**
     * Producers compress with zstd: reports' text compresses well, and zstd-jni is on every classpath
     * that handles the batches (the services' and the local broker's, which has no LZ4 library: an LZ4
     * batch fails there with NoClassDefFoundError net/jpountz/lz4/LZ4Exception).
     */
    public static final String COMPRESSION = "zstd";

    /** A producer's send buffer: room for two of the largest records, a third of Kafka's default 32 MB. */
    static final long PRODUCER_BUFFER_BYTES = 16L * 1024 * 1024;

    private final TopicSettings settings;
    /** Every consumer's {@code session.timeout.ms}: channels' and Kafka Streams'. */
    private final String sessionTimeout;
    /** The registry URL without its user info, when NIANBAO_REGISTRY_URL has some; else null. */
    private final String channelRegistryUrl;

    protected TopicsConfigSource(List<Topic<?>> incoming, List<Topic<?>> outgoing) {
        this(incoming, outgoing, KafkaClientSecurity.fromEnvironment());
    }

    /** @param security client settings for every channel and for Kafka Streams ({@link KafkaClientSecurity}) */
    protected TopicsConfigSource(List<Topic<?>> incoming, List<Topic<?>> outgoing, Map<String, String> security) {
        this(incoming, outgoing, security, System.getenv());
    }

    /**
     * @param security client settings for every channel and for Kafka Streams ({@link KafkaClientSecurity})
     * @param env the {@link TopicSettings} and where the registry credentials come from ({@link RegistryAuth}):
     *            they go to every channel's serdes; a {@code NIANBAO_REGISTRY_URL} with user info is given to
     *            each channel without it
     */
    protected TopicsConfigSource(List<Topic<?>> incoming, List<Topic<?>> outgoing, Map<String, String> security, Map<String, String> env) {
        settings = TopicSettings.from(env);
        String maxRecord = Integer.toString(settings.maxRecordBytes());
        sessionTimeout = Long.toString(settings.sessionTimeoutMs());
        security.forEach((name, value) -> {
            properties.put("mp.messaging.connector.smallrye-kafka." + name, value);
            properties.put("kafka-streams." + name, value);
        });
        String registryUrl = env.get("NIANBAO_REGISTRY_URL");
        RegistryAuth.serdeConfig(registryUrl, env).forEach((name, value) -> properties.put("mp.messaging.connector.smallrye-kafka." + name, value));
        // the packaged ${NIANBAO_REGISTRY_URL}/apis/registry/v3 would keep the user info: a channel's own setting wins over the connector's
        channelRegistryUrl = RegistryAuth.userInfo(registryUrl).isPresent() ? Registry.apiUrl(registryUrl) : null;
        for (Topic<?> topic : incoming) {
            String prefix = "mp.messaging.incoming." + topic.channel() + ".";
            if (channelRegistryUrl != null) properties.put(prefix + Registry.URL_PROPERTY, channelRegistryUrl);
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", topic.name());
            properties.put(prefix + "key.deserializer", Topic.KEY_DESERIALIZER.getName());
            properties.put(prefix + "value.deserializer", Topic.VALUE_DESERIALIZER.getName());
            // values arrive as the generated classes (ContractsDatumProvider), typed GenericRecord in the methods and
            // made sure of with Topic.fromGeneric; a channel with a dead-letter queue reads them generic (Apicurio's own reader, this flag)
            properties.put(prefix + "apicurio.registry.use-specific-avro-reader", "false");
            // a record that cannot be deserialised arrives with a null payload and failure headers, never stops the consumer
            properties.put(prefix + "fail-on-deserialization-failure", "false");
            // a record as large as ingest accepts is fetched whole
            properties.put(prefix + "max.partition.fetch.bytes", maxRecord);
            // one fetch holds at most about one largest record (the default, 50 MB, is a sixth of the memory we allow a service)
            properties.put(prefix + "fetch.max.bytes", maxRecord);
            properties.put(prefix + "session.timeout.ms", sessionTimeout);
        }
        for (Topic<?> topic : outgoing) {
            String prefix = "mp.messaging.outgoing." + topic.channel() + ".";
            if (channelRegistryUrl != null) properties.put(prefix + Registry.URL_PROPERTY, channelRegistryUrl);
            properties.put(prefix + "connector", "smallrye-kafka");
            properties.put(prefix + "topic", topic.name());
            properties.put(prefix + "key.serializer", Topic.KEY_SERIALIZER.getName());
            properties.put(prefix + "value.serializer", Topic.VALUE_SERIALIZER.getName());
            properties.put(prefix + "apicurio.registry.auto-register", "true");
            Topics.partitioner(topic).ifPresent(partitioner -> properties.put(prefix + "partitioner.class", partitioner.getName()));
            producer(prefix, maxRecord);
        }
    }

    /** Durable, ordered, deduplicated sends: every in-sync replica has it, retries never duplicate or reorder. */
    private void producer(String prefix, String maxRecord) {
        properties.put(prefix + "acks", "all");
        properties.put(prefix + "enable.idempotence", "true");
        properties.put(prefix + "compression.type", COMPRESSION);
        properties.put(prefix + "max.request.size", maxRecord);
        properties.put(prefix + "linger.ms", "5");
        properties.put(prefix + "buffer.memory", Long.toString(PRODUCER_BUFFER_BYTES));
    }

    /**
     * SmallRye's dead-letter queue for an incoming channel: a record the consumer method nacks (or
     * throws on), and one that cannot be deserialised, goes to {@code deadLetters} as it was read, the
     * reason in {@link DeadLetters} headers (written by {@link DeadLetterInterceptor} and
     * {@link DeadLetterSerializer}), and the consumer
     * goes on with the next record.
     */
    protected void deadLetters(Topic<?> incoming, Topic<?> deadLetters, String stage) {
        if (deadLetters.kind() != Topic.Kind.DEAD_LETTERS) throw new IllegalArgumentException(deadLetters.name() + " is not a dead-letter topic");
        String prefix = "mp.messaging.incoming." + incoming.channel() + ".";
        properties.put(prefix + "failure-strategy", "dead-letter-queue");
        // a letter is written from the record as read: read it in the writer's schema, every field kept
        properties.put(prefix + ContractsAvroDeserializer.GENERIC, "true");
        properties.put(prefix + "dead-letter-queue.topic", deadLetters.name());
        properties.put(prefix + "dead-letter-queue.key.serializer", Topic.KEY_SERIALIZER.getName());
        properties.put(prefix + "dead-letter-queue.value.serializer", DeadLetterSerializer.class.getName());
        properties.put(prefix + "dead-letter-queue.interceptor.classes", DeadLetterInterceptor.class.getName());
        properties.put(prefix + "dead-letter-queue." + DeadLetterSerializer.STAGE_CONFIG, stage);
        properties.put(prefix + "dead-letter-queue.apicurio.registry.auto-register", "true");
        if (channelRegistryUrl != null) properties.put(prefix + "dead-letter-queue." + Registry.URL_PROPERTY, channelRegistryUrl);
        producer(prefix + "dead-letter-queue.", Integer.toString(settings.maxRecordBytes()));
    }

    /**
     * A Kafka Streams application: Quarkus waits for {@code sources} before it starts the topology, and the
     * topology's own topics (changelogs, repartitions) and producer follow the same declarations as ours.
     */
    protected void kafkaStreams(List<Topic<?>> sources) {
        put("quarkus.kafka-streams.topics", String.join(",", sources.stream().map(Topic::name).toList()));
        String maxRecord = Integer.toString(settings.maxRecordBytes());
        put("kafka-streams.replication.factor", Short.toString(settings.replicationFactor()));
        put("kafka-streams.topic.min.insync.replicas", Integer.toString(settings.minInsyncReplicas()));
        put("kafka-streams.topic.max.message.bytes", maxRecord);
        put("kafka-streams.producer.max.request.size", maxRecord);
        put("kafka-streams.producer.compression.type", COMPRESSION);
        put("kafka-streams.consumer.max.partition.fetch.bytes", maxRecord);
        put("kafka-streams.consumer.fetch.max.bytes", maxRecord);
        put("kafka-streams.producer.buffer.memory", Long.toString(PRODUCER_BUFFER_BYTES));
        put("kafka-streams.rocksdb.config.setter", BoundedRocksDb.class.getName());
        put("kafka-streams.consumer.session.timeout.ms", sessionTimeout);
    }

    /** For a subclass that gives one more property derived from the topics. */
    protected void put(String name, String value) {
        properties.put(name, value);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
