package io.nianbao.contracts;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;

/**
 * Apicurio's Avro serializer writing through {@link ContractsDatumProvider}. The provider is given as
 * the class itself, resolved beside this one: given by name, Apicurio would load it with the thread's
 * context class loader, which under Quarkus tests holds another copy of Apicurio's interfaces.
 */
public class ContractsAvroSerializer<U> extends AvroKafkaSerializer<U> {

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(withProvider(configs), isKey);
    }

    static Map<String, Object> withProvider(Map<String, ?> configs) {
        Map<String, Object> c = new HashMap<>(configs);
        c.put(Registry.DATUM_PROVIDER_PROPERTY, ContractsDatumProvider.class);
        return c;
    }
}
