package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.util.Map;

/** Apicurio's Avro deserializer reading through {@link ContractsDatumProvider} (see {@link ContractsAvroSerializer} for why by class). */
public class ContractsAvroDeserializer<U> extends AvroKafkaDeserializer<U> {

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(ContractsAvroSerializer.withProvider(configs), isKey);
    }
}
