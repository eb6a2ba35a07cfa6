package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Registry credentials from the environment reach the Apicurio serdes under their serde names, and the
 * serdes and the hand-built rule call send them: checked against a stand-in registry that records the
 * Authorization header of every request and answers 401 to any other.
 */
class RegistryAuthTest {

    private static final Map<String, String> BASIC = Map.of(
            "NIANBAO_REGISTRY_USERNAME", "nianbao",
            "NIANBAO_REGISTRY_PASSWORD", "s3cret:with colon",
            "NIANBAO_REGISTRY_TRUSTSTORE_LOCATION", "/etc/registry/ca.p12",
            "NIANBAO_REGISTRY_URL", "http://not-a-credential",
            "NIANBAO_REGISTRY_CLIENT_SCOPE", " ");

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void variablesBecomeTheApicurioSerdeSettings() {
        assertThat(RegistryAuth.serdeConfig("http://registry:8080", BASIC)).containsOnly(
                Map.entry("apicurio.registry.auth.username", "nianbao"),
                Map.entry("apicurio.registry.auth.password", "s3cret:with colon"),
                Map.entry("apicurio.registry.tls.truststore.location", "/etc/registry/ca.p12"));
        Map<String, String> oidc = Map.of("NIANBAO_REGISTRY_TOKEN_ENDPOINT", "https://sso/realms/r/protocol/openid-connect/token",
                "NIANBAO_REGISTRY_CLIENT_ID", "nianbao-ingest", "NIANBAO_REGISTRY_CLIENT_SECRET", "x", "NIANBAO_REGISTRY_CLIENT_SCOPE", "registry");
        assertThat(RegistryAuth.serdeConfig("http://registry:8080", oidc)).containsOnly(
                Map.entry("apicurio.registry.auth.service.token.endpoint", "https://sso/realms/r/protocol/openid-connect/token"),
                Map.entry("apicurio.registry.auth.client.id", "nianbao-ingest"),
                Map.entry("apicurio.registry.auth.client.secret", "x"),
                Map.entry("apicurio.registry.auth.client.scope", "registry"));
        assertThat(RegistryAuth.serdeConfig("http://127.0.0.1:8085", Map.of("PATH", "/usr/bin"))).isEmpty();
    }

    @Test
    void theUrlsUserInfoIsACredentialAndLeavesTheUrl() {
        String url = "https://ingest%40nianbao:p%3Ass+w@registry.example.org:8443/";
        assertThat(RegistryAuth.serdeConfig(url, Map.of())).containsOnly(
                Map.entry("apicurio.registry.auth.username", "ingest@nianbao"),
                Map.entry("apicurio.registry.auth.password", "p:ss+w"));
        assertThat(Registry.apiUrl(url)).isEqualTo("https://registry.example.org:8443/apis/registry/v3");
        assertThat(Registry.serdeConfig(url, Map.of())).containsEntry(Registry.URL_PROPERTY, "https://registry.example.org:8443/apis/registry/v3")
                .containsEntry("apicurio.registry.auth.username", "ingest@nianbao");
        // the variables win over the URL
        assertThat(RegistryAuth.serdeConfig(url, Map.of("NIANBAO_REGISTRY_USERNAME", "other")))
                .containsEntry("apicurio.registry.auth.username", "other");
        assertThat(Registry.apiUrl("http://127.0.0.1:8085")).isEqualTo("http://127.0.0.1:8085/apis/registry/v3");
    }

    @Test
    void everyChannelGetsTheCredentialsAndAUrlWithoutThem() {
        Map<String, String> env = Map.of("NIANBAO_REGISTRY_URL", "http://u:p@registry:8080", "NIANBAO_REGISTRY_CLIENT_ID", "c");
        TopicsConfigSource source = new TopicsConfigSource(List.of(Topics.RAW), List.of(Topics.PARSED), Map.of(), env) {
        };
        assertThat(source.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.auth.username")).isEqualTo("u");
        assertThat(source.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.auth.password")).isEqualTo("p");
        assertThat(source.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.auth.client.id")).isEqualTo("c");
        assertThat(source.getValue("mp.messaging.incoming." + Topics.RAW.channel() + ".apicurio.registry.url")).isEqualTo("http://registry:8080/apis/registry/v3");
        assertThat(source.getValue("mp.messaging.outgoing." + Topics.PARSED.channel() + ".apicurio.registry.url")).isEqualTo("http://registry:8080/apis/registry/v3");
        TopicsConfigSource local = new TopicsConfigSource(List.of(Topics.RAW), List.of(Topics.PARSED), Map.of(), Map.of("NIANBAO_REGISTRY_URL", "http://127.0.0.1:8085")) {
        };
        assertThat(local.getPropertyNames()).noneMatch(n -> n.contains("apicurio.registry.auth") || n.endsWith("apicurio.registry.url"));
    }

    @Test
    void theSerializerSendsBasicCredentials() throws IOException {
        String url = registryRequiring("Basic " + Base64.getEncoder().encodeToString("nianbao:s3cret:with colon".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> env = new HashMap<>(BASIC);
        env.remove("NIANBAO_REGISTRY_TRUSTSTORE_LOCATION"); // a plain-HTTP stand-in: no trust store to read
        Throwable failure = serializeThrough(url, env);
        assertThat(seen).as(chain(failure)).isNotEmpty().allMatch(h -> h.equals("Basic " + Base64.getEncoder().encodeToString("nianbao:s3cret:with colon".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theSerializerSendsTheTokenOfTheClientCredentials() throws IOException {
        String url = registryRequiring("Bearer t0ken-for-nianbao");
        Map<String, String> env = Map.of("NIANBAO_REGISTRY_TOKEN_ENDPOINT", url + "/token",
                "NIANBAO_REGISTRY_CLIENT_ID", "nianbao", "NIANBAO_REGISTRY_CLIENT_SECRET", "s3cret");
        Throwable failure = serializeThrough(url, env);
        assertThat(seen).as(chain(failure)).contains("Bearer t0ken-for-nianbao");
    }

    @Test
    void theCompatibilityRuleIsSetWithTheCredentials() throws IOException {
        String url = registryRequiring("Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> config = RegistryAuth.serdeConfig(url.replace("http://", "http://u:p@"), Map.of());
        assertThat(RegistryAuth.authorization(config)).contains("Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)));
        Registry.setGlobalCompatibility(url.replace("http://", "http://u:p@"), "BACKWARD");
        assertThat(seen).hasSize(1);
        assertThatThrownBy(() -> Registry.setGlobalCompatibility(url.replace("http://", "http://u:wrong@"), "BACKWARD"))
                .hasMessageContaining("401");
    }

    /**
     * A stand-in registry on a free port: the token endpoint (client id nianbao, secret s3cret) gives
     * t0ken-for-nianbao; any other request with {@code authorization} is answered 204 (rules) or 404
     * (artifacts: the serializer then fails, after sending its credentials), and 401 without it.
     */
    private String registryRequiring(String authorization) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            String answer = "";
            if (path.equals("/token")) {
                // the client authenticates in the form (client_secret_post) or with basic auth (client_secret_basic)
                String form = new String(body, StandardCharsets.UTF_8);
                String basic = "Basic " + Base64.getEncoder().encodeToString("nianbao:s3cret".getBytes(StandardCharsets.UTF_8));
                boolean ok = form.contains("grant_type=client_credentials")
                        && (form.contains("client_id=nianbao") && form.contains("client_secret=s3cret") || basic.equals(exchange.getRequestHeaders().getFirst("Authorization")));
                status = ok ? 200 : 401;
                answer = ok ? "{\"access_token\":\"t0ken-for-nianbao\",\"token_type\":\"Bearer\",\"expires_in\":300}" : "";
            } else {
                String h = exchange.getRequestHeaders().getFirst("Authorization");
                seen.add(h == null ? "none" : h);
                status = !authorization.equals(h) ? 401 : path.endsWith("/admin/rules") ? 204 : 404;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0 && status != 204) exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serializes a record with Apicurio's own serializer configured as every nianbao client is; it fails at the stand-in. */
    private static Throwable serializeThrough(String url, Map<String, String> env) {
        Map<String, Object> config = new HashMap<>(Registry.serdeConfig(url, env));
        config.put("apicurio.registry.retry-count", "0");
        try (AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(config, false);
            ProvinceAggregateRecord record = minimalAggregate();
            try {
                serializer.serialize(Topics.AGGREGATES.name(), record);
            } catch (RuntimeException e) {
                return e;
            }
            throw new AssertionError("the stand-in registry has no artifact: the serializer should have failed");
        }
    }

    private static String chain(Throwable t) {
        StringBuilder b = new StringBuilder("the serializer failed with: ");
        for (Throwable c = t; c != null; c = c.getCause()) b.append(c).append(" ← ");
        return b.toString();
    }

    private static ProvinceAggregateRecord minimalAggregate() {
        return AggregateMapping.toRecord(io.nianbao.core.aggregate.ProvinceTotals.empty("北京市", 2023));
    }
}
