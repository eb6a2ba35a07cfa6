package io.nianbao.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s reads into the Strimzi and Fabric8 models without an unknown field, the Kustomize files name
 * what exists, and images, ports, probes and environment are the ones the system tests run ({@link Stack}).
 */
class ManifestsTest {

    private static final Path BASE = Manifests.root().resolve("base");
    private static final Path SMALL = Manifests.root().resolve("overlays/small");

    private static List<Manifests.Resource> base() {
        return Manifests.read(Manifests.files(BASE).stream().filter(p -> !p.endsWith("kustomization.yaml")).toList());
    }

    private static <T> T one(List<Manifests.Resource> resources, Class<T> type, String name) {
        return resources.stream().filter(r -> type.isInstance(r.model()) && r.name().equals(name)).map(r -> r.as(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    @Test
    void everyManifestReadsIntoItsModelWithoutUnknownFields() {
        List<Path> files = Manifests.files(Manifests.root()).stream().filter(p -> !p.endsWith("kustomization.yaml")).toList();
        assertThat(files).hasSizeGreaterThan(10);
        List<Manifests.Resource> all = Manifests.read(files);
        for (Manifests.Resource r : all) {
            assertThat(Manifests.unknownFields(r.model())).as("fields of %s %s (%s) unknown to its model", r.kind(), r.name(), r.file()).isEmpty();
        }
    }

    @Test
    void theUnknownFieldCheckFindsAMisspeltField() throws Exception {
        JsonNode pool = Manifests.YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata: {name: x}
                spec: {replicas: 3, roles: [broker], storage: {type: ephemeral}, resourcez: {}}
                """);
        assertThat(Manifests.unknownFields(Manifests.YAML.treeToValue(pool, KafkaNodePool.class))).containsExactly(".spec.resourcez");
        JsonNode deployment = Manifests.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec: {template: {spec: {containers: [{name: a, image: b, livenesProbe: {}}]}}}
                """);
        assertThat(Manifests.unknownFields(Manifests.YAML.treeToValue(deployment, Deployment.class)))
                .containsExactly(".spec.template.spec.containers[0].livenesProbe");
    }

    @Test
    void kustomizationsNameExactlyTheFilesThatExist() {
        JsonNode base = Manifests.documents(BASE.resolve("kustomization.yaml")).get(0);
        List<String> listed = names(base.path("resources"));
        List<String> present = Manifests.files(BASE).stream().map(p -> p.getFileName().toString())
                .filter(n -> !n.equals("kustomization.yaml")).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(present);

        JsonNode small = Manifests.documents(SMALL.resolve("kustomization.yaml")).get(0);
        assertThat(names(small.path("resources"))).contains("../../base");
        Map<String, String> baseKinds = base().stream().collect(Collectors.toMap(r -> r.kind() + "/" + r.name(), r -> r.name(), (a, b) -> a));
        for (JsonNode patch : small.path("patches")) {
            Path file = SMALL.resolve(patch.path("path").asText());
            for (Manifests.Resource r : Manifests.read(List.of(file))) {
                assertThat(baseKinds).as("%s patches a resource of the base", file).containsKey(r.kind() + "/" + r.name());
                assertThat(Manifests.unknownFields(r.model())).isEmpty();
            }
        }
        for (JsonNode image : small.path("images")) {
            assertThat(Stack.SERVICES.stream().map(s -> s.image().split(":")[0])).contains(image.path("name").asText());
        }
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void kafkaIsAThreeNodeKraftClusterWithTheSystemTestsReplication() {
        List<Manifests.Resource> base = base();
        Kafka kafka = one(base, Kafka.class, "nianbao");
        KafkaNodePool pool = one(base, KafkaNodePool.class, "dual-role");
        assertThat(base.stream().filter(r -> r.model() instanceof Kafka).findFirst().orElseThrow().tree().path("apiVersion").asText())
                .isEqualTo("kafka.strimzi.io/v1");
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "nianbao");
        assertThat(pool.getSpec().getReplicas()).isEqualTo(3);
        assertThat(pool.getSpec().getRoles()).containsExactlyInAnyOrder(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertThat(config.get("default.replication.factor")).isEqualTo(Stack.REPLICATION_FACTOR);
        assertThat(config.get("min.insync.replicas")).isEqualTo(Stack.MIN_INSYNC_REPLICAS);
        assertThat(kafka.getSpec().getKafka().getListeners()).anySatisfy(l -> assertThat(l.getPort()).isEqualTo(Stack.KAFKA_PORT));
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        ConfigMap cm = one(base, ConfigMap.class, "nianbao-config");
        assertThat(cm.getData()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "nianbao-kafka-bootstrap:" + Stack.KAFKA_PORT)
                .containsEntry("NIANBAO_REPLICATION_FACTOR", String.valueOf(Stack.REPLICATION_FACTOR))
                .containsEntry("NIANBAO_MIN_INSYNC_REPLICAS", String.valueOf(Stack.MIN_INSYNC_REPLICAS));
    }

    @Test
    void theRegistryStoresInKafkaWithABackwardRule() {
        List<Manifests.Resource> base = base();
        JsonNode registry = base.stream().filter(r -> r.kind().equals("ApicurioRegistry3")).findFirst().orElseThrow().tree();
        JsonNode app = registry.path("spec").path("app");
        assertThat(app.path("storage").path("type").asText()).isEqualTo("kafkasql");
        String bootstrap = one(base, ConfigMap.class, "nianbao-config").getData().get("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(app.path("storage").path("kafkasql").path("bootstrapServers").asText()).isEqualTo(bootstrap);
        Map<String, String> env = StreamSupport.stream(app.path("env").spliterator(), false)
                .collect(Collectors.toMap(e -> e.path("name").asText(), e -> e.path("value").asText()));
        assertThat(env).containsEntry(Stack.REGISTRY_COMPATIBILITY_ENV, "BACKWARD");
        // the operator names the registry's Service <name>-app-service and serves it on 8080
        assertThat(one(base, ConfigMap.class, "nianbao-config").getData().get("NIANBAO_REGISTRY_URL"))
                .isEqualTo("http://" + registry.path("metadata").path("name").asText() + "-app-service:" + Stack.REGISTRY_PORT);
        // only the fields of ApicurioRegistry3's spec.app this project relies on
        assertThat(names(fieldNames(app))).containsExactlyInAnyOrder("replicas", "storage", "env", "podTemplateSpec");
    }

    private static JsonNode fieldNames(JsonNode object) {
        var array = Manifests.YAML.createArrayNode();
        object.fieldNames().forEachRemaining(array::add);
        return array;
    }

    @Test
    void servicesRunTheSystemTestedImagesPortsProbesAndEnvironment() {
        List<Manifests.Resource> base = base();
        Map<String, String> config = one(base, ConfigMap.class, "nianbao-config").getData();
        assertThat(config).containsKeys(Stack.SERVICE_ENV.toArray(String[]::new)).containsEntry("NIANBAO_HOST", "0.0.0.0");
        for (Stack.Service s : Stack.SERVICES) {
            // the Kafka Streams services keep their state stores on a volume of their own
            PodSpec pod = s == Stack.AGGREGATE || s == Stack.VALIDATE
                    ? one(base, StatefulSet.class, "nianbao-" + s.name()).getSpec().getTemplate().getSpec()
                    : one(base, Deployment.class, "nianbao-" + s.name()).getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertThat(c.getImage()).as(s.name()).isEqualTo(s.image());
            assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(s.port());
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo(Stack.LIVE);
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo(Stack.READY);
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo(Stack.STARTED);
            assertThat(c.getEnvFrom()).anySatisfy(e -> {
                assertThat(e.getConfigMapRef()).isNotNull();
                assertThat(e.getConfigMapRef().getName()).isEqualTo("nianbao-config");
            });
            assertThat(c.getEnvFrom()).anySatisfy(e -> {
                assertThat(e.getSecretRef()).isNotNull();
                assertThat(e.getSecretRef().getName()).isEqualTo("nianbao-secrets");
                assertThat(e.getSecretRef().getOptional()).isTrue();
            });
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
            Service svc = one(base, Service.class, "nianbao-" + s.name());
            assertThat(svc.getSpec().getPorts().get(0).getPort()).isEqualTo(s.port());
            assertThat(svc.getSpec().getSelector()).isEqualTo(pod.getContainers().isEmpty() ? null
                    : Map.of("app.kubernetes.io/name", s.name() + "-service"));
        }
    }

    @Test
    void aggregateHasAVolumePerPodAndItsPodDnsNameAsApplicationServer() {
        List<Manifests.Resource> base = base();
        StatefulSet sts = one(base, StatefulSet.class, "nianbao-aggregate");
        Service headless = one(base, Service.class, sts.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getSelector()).isEqualTo(sts.getSpec().getSelector().getMatchLabels());
        String claim = sts.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        Container c = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(claim);
            assertThat(m.getMountPath()).isEqualTo(Stack.STATE_DIR);
        });
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get(Stack.APPLICATION_SERVER_ENV).getValue())
                .isEqualTo("$(POD_NAME)." + headless.getMetadata().getName() + ".$(POD_NAMESPACE).svc.cluster.local:" + Stack.AGGREGATE.port());
        assertThat(env.get(Stack.STATE_DIR_ENV).getValue()).isEqualTo(Stack.STATE_DIR);
        // Kubernetes expands $(VAR) only for variables defined before
        List<String> order = c.getEnv().stream().map(EnvVar::getName).toList();
        assertThat(order.indexOf("POD_NAME")).isLessThan(order.indexOf(Stack.APPLICATION_SERVER_ENV));
        assertThat(order.indexOf("POD_NAMESPACE")).isLessThan(order.indexOf(Stack.APPLICATION_SERVER_ENV));
    }

    @Test
    void parseScalesWithAnAutoscalerAndTrafficIsRestricted() {
        List<Manifests.Resource> base = base();
        HorizontalPodAutoscaler hpa = one(base, HorizontalPodAutoscaler.class, "nianbao-parse");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(one(base, Deployment.class, "nianbao-parse").getMetadata().getName());
        assertThat(hpa.getSpec().getMaxReplicas()).isLessThanOrEqualTo(
                Integer.parseInt(one(base, ConfigMap.class, "nianbao-config").getData().get("NIANBAO_PARTITIONS")));
        NetworkPolicy pub = one(base, NetworkPolicy.class, "nianbao-public");
        assertThat(pub.getSpec().getIngress().get(0).getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsExactlyInAnyOrder(Stack.INGEST.port(), Stack.PARSE.port(), Stack.AGGREGATE.port());
        // the dashboard's coverage goes to ingest's Service on its port
        Service ingest = one(base, Service.class, "nianbao-ingest");
        assertThat(one(base, ConfigMap.class, "nianbao-config").getData().get("NIANBAO_INGEST_URL"))
                .isEqualTo("http://" + ingest.getMetadata().getName() + ":" + ingest.getSpec().getPorts().get(0).getPort());
    }
}
