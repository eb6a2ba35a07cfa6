package io.nianbao.systemtests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads deploy/k8s into the Strimzi and Fabric8 models, and finds every field the models do not know. */
final class Manifests {

    static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The model class of each kind the manifests use; a kind not listed here fails the test. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            // no Java model of the Apicurio operator's CRD is published: read generically, its spec checked by the test
            Map.entry("registry.apicur.io/v1/ApicurioRegistry3", GenericKubernetesResource.class));

    /** One document of a manifest file, as its tree and as its model object. */
    record Resource(Path file, JsonNode tree, Object model) {
        String kind() {
            return tree.path("kind").asText();
        }

        String name() {
            return tree.path("metadata").path("name").asText();
        }

        <T> T as(Class<T> type) {
            return type.cast(model);
        }
    }

    static Path root() {
        return Stack.projectDir().resolve("deploy/k8s");
    }

    static List<Path> files(Path dir) {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> documents(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) docs.add(n);
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every resource in these files, each read into its kind's model class. */
    static List<Resource> read(List<Path> files) {
        List<Resource> out = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode doc : documents(f)) {
                String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<?> type = KINDS.get(key);
                if (type == null) throw new AssertionError(f + ": no model for " + key);
                try {
                    out.add(new Resource(f, doc, YAML.treeToValue(doc, type)));
                } catch (IOException e) {
                    throw new AssertionError(f + ": " + key + " does not read into " + type.getSimpleName() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /**
     * Fields the model kept aside as unknown: both Strimzi's and Fabric8's models accept any field into an
     * {@code additionalProperties} map rather than failing, so a misspelt field would pass unnoticed.
     * Returns the path of each.
     */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object o, String path, List<String> found, Set<Object> seen) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) return;
        if (!seen.add(o)) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) walk(e, path + "[" + i++ + "]", found, seen);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi") && !pkg.startsWith("io.fabric8")) return;
        if (o instanceof GenericKubernetesResource) return; // generic by design
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) continue;
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String field = path + "." + decapitalize(m.getName().substring(3));
            if (m.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> found.add(path + "." + k));
            } else if (!isFreeForm(o, m)) {
                walk(value, field, found, seen);
            }
        }
    }

    /** Maps whose keys are data, not fields (labels, Kafka config, ConfigMap data, quantities). */
    private static boolean isFreeForm(Object owner, Method getter) {
        return getter.getName().equals("getConfig") || getter.getName().equals("getData")
                || getter.getName().equals("getLabels") || getter.getName().equals("getAnnotations");
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private Manifests() {
    }
}
