package io.nianbao.contracts;

import java.util.Map;

/** How every nianbao serde talks to Apicurio Registry 3 (one place, so producers and consumers agree). */
public final class Registry {

    public static final String URL_PROPERTY = "apicurio.registry.url";
    /** Every Avro serde of the project reads and writes through {@link ContractsDatumProvider}. */
    public static final String DATUM_PROVIDER_PROPERTY = "apicurio.registry.avro-datum-provider";

    private Registry() {
    }

    /** Registry base URL → the v3 API the serdes use. Accepts either form; user info is left out ({@link RegistryAuth}). */
    public static String apiUrl(String url) {
        String plain = RegistryAuth.withoutUserInfo(url);
        String u = plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
        return u.endsWith("/apis/registry/v3") ? u : u + "/apis/registry/v3";
    }

    /**
     * Sets the registry-wide compatibility rule (BACKWARD: a new schema version must read data written
     * with the previous one), creating or updating it.
     */
    public static void setGlobalCompatibility(String registryUrl, String level) {
        String base = apiUrl(registryUrl);
        String body = "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"" + level + "\"}";
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.Optional<String> authorization = RegistryAuth.authorization(RegistryAuth.serdeConfig(registryUrl));
        try {
            java.net.http.HttpResponse<String> r = client.send(authorized(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/rules")), authorization)
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 409) {
                r = client.send(authorized(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/rules/COMPATIBILITY")), authorization)
                        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() >= 300) throw new IllegalStateException("the registry refused the compatibility rule: " + r.statusCode() + " " + r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the registry at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.net.http.HttpRequest.Builder authorized(java.net.http.HttpRequest.Builder request, java.util.Optional<String> authorization) {
        authorization.ifPresent(a -> request.header("Authorization", a));
        return request;
    }

    /** The serde settings: the v3 API URL, auto-registration, and the credentials of {@link RegistryAuth} when there are any. */
    public static Map<String, Object> serdeConfig(String registryUrl) {
        return serdeConfig(registryUrl, System.getenv());
    }

    static Map<String, Object> serdeConfig(String registryUrl, Map<String, String> env) {
        Map<String, Object> config = new java.util.HashMap<>(RegistryAuth.serdeConfig(registryUrl, env));
        config.put(URL_PROPERTY, apiUrl(registryUrl));
        config.put("apicurio.registry.auto-register", "true");
        config.put("apicurio.registry.find-latest", "true");
        config.put(DATUM_PROVIDER_PROPERTY, ContractsDatumProvider.class); // the class, not its name: see ContractsAvroSerializer
        // the registry client's own Vert.x: without one it takes the Vert.x of whatever Quarkus application CDI
        // finds in the JVM, and a request made while that application stops never completes (a test JVM hung so)
        config.put(io.apicurio.registry.resolver.config.SchemaResolverConfig.VERTX_INSTANCE, io.apicurio.registry.client.common.DefaultVertxInstance.get());
        return Map.copyOf(config);
    }
}
