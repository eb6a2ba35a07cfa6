package io.nianbao.core.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A labelled set in the corpus format: a {@code manifest.json} whose {@code reports} (or {@code heads})
 * entries name a file beside it and the figures a person read from it (issuer, region, province,
 * report_year, template, and the 总计-column totals). Fields an entry does not state are not scored.
 */
public record Manifest(Path file, List<Entry> entries) {

    /** One labelled report: the file and its expected fields, in {@link Field} order. */
    public record Entry(Path file, Map<Field, JsonNode> expected) {
    }

    public static Manifest read(Path manifest) throws IOException {
        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        Path dir = manifest.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        for (String list : List.of("reports", "heads")) {
            for (JsonNode e : root.path(list)) {
                if (!e.hasNonNull("file")) continue;
                Map<Field, JsonNode> expected = new LinkedHashMap<>();
                for (Field f : Field.values()) if (e.has(f.key())) expected.put(f, e.get(f.key()));
                entries.add(new Entry(dir.resolve(e.get("file").asText()), expected));
            }
        }
        if (entries.isEmpty()) throw new IOException(manifest + " lists no reports (expected a \"reports\" or \"heads\" array of {\"file\": …})");
        return new Manifest(manifest, entries);
    }
}
