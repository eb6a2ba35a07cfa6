package io.nianbao.contracts;

import java.util.Map;

/** How every nianbao serde talks to Apicurio Registry 3 (one place, so producers and consumers agree). */
public final class Registry {

    public static final String URL_PROPERTY = "apicurio.registry.url";
    /** Every Avro serde of the project reads and writes through {@link ContractsDatumProvider}. */
    public static final String DATUM_PROVIDER_PROPERTY = "apicurio.registry.avro-datum-provider";

    private Registry() {
    }

    /** Registry base URL → the v3 API the serdes use. Accepts either form. */
    public static String apiUrl(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
        try {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/rules"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 409) {
                r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/rules/COMPATIBILITY"))
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

    public static Map<String, Object> serdeConfig(String registryUrl) {
        return Map.of(
                URL_PROPERTY, apiUrl(registryUrl),
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.find-latest", "true",
                DATUM_PROVIDER_PROPERTY, ContractsDatumProvider.class); // the class, not its name: see ContractsAvroSerializer
    }
}
