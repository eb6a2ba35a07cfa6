package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.util.Map;

/**
 * Apicurio's Avro deserializer reading through {@link ContractsDatumProvider} (see {@link ContractsAvroSerializer}
 * for why by class). With {@value #GENERIC} set to true it reads generic records in the writer's schema, as
 * Apicurio does: a channel whose records may be nacked into a dead-letter queue needs them so, because the
 * letter is written from the record as read, and a record read into our class would lose the fields a newer
 * producer added.
 */
public class ContractsAvroDeserializer<U> extends AvroKafkaDeserializer<U> {

    /** Read generic records in the writer's schema (a channel with a dead-letter queue). */
    public static final String GENERIC = "nianbao.avro.generic";

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(Boolean.parseBoolean(String.valueOf(configs.get(GENERIC))) ? configs : ContractsAvroSerializer.withProvider(configs), isKey);
    }
}
