package io.nianbao.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token ingest may require (NIANBAO_INGEST_TOKEN, off when unset: one machine needs none; a
 * cluster sets it from a Secret). Compared in constant time, so a wrong guess says nothing of the token.
 */
final class IngestToken {

    private IngestToken() {
    }

    /** Why a request with this Authorization header is refused, or null when it may post. */
    static String refusal(String token, String authorization) {
        if (token == null || token.isBlank()) return null;
        if (authorization == null || authorization.isBlank()) return "this ingest requires a token: send Authorization: Bearer <token>";
        String prefix = "Bearer ";
        if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())) return "the Authorization header is not a Bearer token";
        byte[] given = authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        byte[] expected = token.strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected) ? null : "the token is not the one this ingest was given";
    }
}
