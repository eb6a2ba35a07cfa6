package io.nianbao.contracts;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Credentials for Apicurio Registry, given once by environment to every registry client the project
 * builds: the serdes of the services' channels and of Kafka Streams, the hand-built clients of contracts
 * (the command line, test-support) and the compatibility-rule call. None are set on one machine.
 *
 * <ul>
 *   <li>HTTP basic: {@code NIANBAO_REGISTRY_USERNAME} and {@code NIANBAO_REGISTRY_PASSWORD}, or the
 *       registry URL's user info ({@code https://user:password@registry.example.org}, percent-encoded);
 *       the variables win over the URL.</li>
 *   <li>OIDC client credentials: {@code NIANBAO_REGISTRY_TOKEN_ENDPOINT}, {@code NIANBAO_REGISTRY_CLIENT_ID},
 *       {@code NIANBAO_REGISTRY_CLIENT_SECRET} and optionally {@code NIANBAO_REGISTRY_CLIENT_SCOPE}.</li>
 *   <li>TLS trust: {@code NIANBAO_REGISTRY_TRUSTSTORE_LOCATION}, {@code _PASSWORD}, {@code _TYPE}.</li>
 * </ul>
 *
 * Each becomes the Apicurio Registry 3 serde setting of the same meaning ({@link #ENV_TO_SERDE}; the names
 * of {@code io.apicurio.registry.resolver.config.SchemaResolverConfig}, serde 3.1).
 */
public final class RegistryAuth {

    public static final String USERNAME = "apicurio.registry.auth.username";
    public static final String PASSWORD = "apicurio.registry.auth.password";
    public static final String TOKEN_ENDPOINT = "apicurio.registry.auth.service.token.endpoint";
    public static final String CLIENT_ID = "apicurio.registry.auth.client.id";
    public static final String CLIENT_SECRET = "apicurio.registry.auth.client.secret";
    public static final String CLIENT_SCOPE = "apicurio.registry.auth.client.scope";

    /** Environment variable → Apicurio serde property. */
    public static final Map<String, String> ENV_TO_SERDE;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NIANBAO_REGISTRY_USERNAME", USERNAME);
        m.put("NIANBAO_REGISTRY_PASSWORD", PASSWORD);
        m.put("NIANBAO_REGISTRY_TOKEN_ENDPOINT", TOKEN_ENDPOINT);
        m.put("NIANBAO_REGISTRY_CLIENT_ID", CLIENT_ID);
        m.put("NIANBAO_REGISTRY_CLIENT_SECRET", CLIENT_SECRET);
        m.put("NIANBAO_REGISTRY_CLIENT_SCOPE", CLIENT_SCOPE);
        m.put("NIANBAO_REGISTRY_TRUSTSTORE_LOCATION", "apicurio.registry.tls.truststore.location");
        m.put("NIANBAO_REGISTRY_TRUSTSTORE_PASSWORD", "apicurio.registry.tls.truststore.password");
        m.put("NIANBAO_REGISTRY_TRUSTSTORE_TYPE", "apicurio.registry.tls.truststore.type");
        ENV_TO_SERDE = Map.copyOf(m);
    }

    private RegistryAuth() {
    }

    /** The serde properties these variables and the URL's user info give (none for one machine). */
    public static Map<String, String> serdeConfig(String registryUrl, Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        userInfo(registryUrl).ifPresent(u -> {
            int colon = u.indexOf(':');
            out.put(USERNAME, decode(colon < 0 ? u : u.substring(0, colon)));
            if (colon >= 0) out.put(PASSWORD, decode(u.substring(colon + 1)));
        });
        ENV_TO_SERDE.forEach((variable, property) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) out.put(property, value);
        });
        return out;
    }

    public static Map<String, String> serdeConfig(String registryUrl) {
        return serdeConfig(registryUrl, System.getenv());
    }

    /** The URL without its user info (the serdes and HTTP clients take credentials apart). */
    public static String withoutUserInfo(String url) {
        Optional<String> info = userInfo(url);
        return info.map(i -> url.replaceFirst(java.util.regex.Pattern.quote(i + "@"), "")).orElse(url);
    }

    static Optional<String> userInfo(String url) {
        if (url == null) return Optional.empty();
        try {
            return Optional.ofNullable(URI.create(url).getRawUserInfo());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code Authorization} header a hand-built HTTP call to the registry sends: basic from the
     * user name and password, or a bearer token fetched with the OIDC client credentials; none without.
     */
    public static Optional<String> authorization(Map<String, String> serdeConfig) {
        String tokenEndpoint = serdeConfig.get(TOKEN_ENDPOINT);
        if (tokenEndpoint != null && serdeConfig.containsKey(CLIENT_ID)) {
            return Optional.of("Bearer " + clientCredentialsToken(tokenEndpoint, serdeConfig.get(CLIENT_ID),
                    serdeConfig.getOrDefault(CLIENT_SECRET, ""), serdeConfig.get(CLIENT_SCOPE)));
        }
        String user = serdeConfig.get(USERNAME);
        if (user == null) return Optional.empty();
        String pair = user + ":" + serdeConfig.getOrDefault(PASSWORD, "");
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** An OAuth 2 client-credentials grant (RFC 6749 §4.4): the access token. */
    static String clientCredentialsToken(String endpoint, String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret)
                + (scope == null || scope.isBlank() ? "" : "&scope=" + encode(scope));
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("the token endpoint " + endpoint + " answered " + r.statusCode());
            String token = io.nianbao.core.json.ReportJson.MAPPER.readTree(r.body()).path("access_token").asText("");
            if (token.isEmpty()) throw new IllegalStateException("the token endpoint " + endpoint + " gave no access_token");
            return token;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the token endpoint " + endpoint + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
