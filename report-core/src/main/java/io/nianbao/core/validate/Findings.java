package io.nianbao.core.validate;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.model.ReportIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Collects a report's findings and gives each its fingerprint. */
public final class Findings {

    private final String identity;
    private final List<Finding> list = new ArrayList<>();

    public Findings(ParsedReport report) {
        this.identity = identity(report);
    }

    /** The report's {@link ReportIdentity}: a re-publication of the same report gives the same fingerprints. */
    public static String identity(ParsedReport report) {
        return ReportIdentity.key(report);
    }

    public void add(String rule, Severity severity, String section, String row, String column,
                    String expected, String actual, String messageZh, String messageEn) {
        String id = fingerprint(identity, rule, section, row, column);
        for (Finding f : list) if (f.id().equals(id)) return;
        list.add(new Finding(id, rule, severity, section, row, column, expected, actual, messageZh, messageEn));
    }

    public List<Finding> list() {
        return List.copyOf(list);
    }

    static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                digest.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
