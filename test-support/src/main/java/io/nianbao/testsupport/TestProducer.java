package io.nianbao.testsupport;

import io.nianbao.contracts.Registry;
import io.nianbao.contracts.Topic;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes test records: Avro as GenericRecords of a topic's schema, or raw bytes (to test dead letters). */
public final class TestProducer {

    private TestProducer() {
    }

    public static GenericRecord record(Schema schema, Map<String, Object> fields) {
        GenericRecord r = new GenericData.Record(schema);
        fields.forEach(r::put);
        return r;
    }

    /** A specific record as a GenericRecord of the test's own Avro classes (by a round trip through bytes). */
    public static GenericRecord toGeneric(org.apache.avro.specific.SpecificRecord record) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
            new org.apache.avro.specific.SpecificDatumWriter<org.apache.avro.specific.SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return new org.apache.avro.generic.GenericDatumReader<GenericRecord>(record.getSchema())
                    .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void send(Topic<?> topic, String key, GenericRecord value) {
        Map<String, Object> config = new HashMap<>(topic.clientSerdeConfig(TestRegistry.url()));
        config.put(Registry.URL_PROPERTY, Registry.apiUrl(TestRegistry.url()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(TestProducer.class.getClassLoader());
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    public static void sendBytes(String topic, String key, byte[] value) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
