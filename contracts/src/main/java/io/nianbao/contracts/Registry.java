package io.nianbao.contracts;

import java.util.Map;

/** How every nianbao serde talks to Apicurio Registry 3 (one place, so producers and consumers agree). */
public final class Registry {

    public static final String URL_PROPERTY = "apicurio.registry.url";

    private Registry() {
    }

    /** Registry base URL → the v3 API the serdes use. Accepts either form. */
    public static String apiUrl(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return u.endsWith("/apis/registry/v3") ? u : u + "/apis/registry/v3";
    }

    public static Map<String, Object> serdeConfig(String registryUrl) {
        return Map.of(
                URL_PROPERTY, apiUrl(registryUrl),
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.find-latest", "true");
    }
}
