package io.nianbao.cli;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;

/**
 * Apicurio's datum provider for the pipeline bench's followers: reads generic records holding only the
 * fields the bench uses ({@link #KEPT}, by record name; records not named there are read whole), resolving
 * the writer's schema against that projection so that Avro skips the rest without building it. Decoding
 * every validated report whole (its three tables, cell by cell) and every aggregate made the load generator
 * take a third of a core from the stack it measures.
 */
public class ProjectingDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Record full name → the fields kept. */
    static final Map<String, List<String>> KEPT = Map.of(
            "io.nianbao.contracts.avro.ValidatedReportRecord", List.of("report"),
            "io.nianbao.contracts.avro.ParsedReportRecord", List.of("reportId", "province", "reportYear"),
            "io.nianbao.contracts.avro.ProvinceAggregateRecord", List.of("reports"));

    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumReader<T> createDatumReader(Schema writerSchema) {
        return readers.computeIfAbsent(writerSchema, w -> new GenericDatumReader<>(w, project(w)));
    }

    /** The schema with, in every record {@link #KEPT} names, only the fields kept (the rest of the schema as it is). */
    static Schema project(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                List<String> kept = KEPT.get(schema.getFullName());
                if (kept == null) yield schema;
                List<Schema.Field> fields = new ArrayList<>();
                for (Schema.Field f : schema.getFields()) {
                    if (kept.contains(f.name())) fields.add(new Schema.Field(f, project(f.schema())));
                }
                yield Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
            }
            case UNION -> Schema.createUnion(schema.getTypes().stream().map(ProjectingDatumProvider::project).toList());
            default -> schema;
        };
    }
}
