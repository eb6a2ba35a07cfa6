package io.nianbao.core.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zones that issue reports but are not divisions of GB/T 2260 (平潭综合实验区, national new areas, development
 * zones not named after their city), each with the division it lies in. The list is data:
 * resources nianbao/gazetteer/zones.tsv, origin in the README there.
 */
public final class Zones {

    /** A listed zone: its official name and the code of the county-level division (or prefecture, province) it lies in. */
    public record Zone(String name, String parentCode) {
    }

    /** A zone named in a string: as written there, where, and the sub-area (金井片区) named right after it, if any. */
    public record Match(Zone zone, String written, int position, String subArea) {
    }

    private static final String RESOURCE = "/nianbao/gazetteer/zones.tsv";
    private static volatile Zones instance;

    /** Every spelling (official name, aliases, derived short forms) → zone, by its last two characters; longest first. */
    private final Map<String, Map<String, Zone>> byEnding = new LinkedHashMap<>();

    public static Zones get() {
        Zones z = instance;
        if (z == null) {
            synchronized (Zones.class) {
                if (instance == null) instance = load();
                z = instance;
            }
        }
        return z;
    }

    private static Zones load() {
        try (InputStream in = Zones.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                rows.add(line.split("\t", -1));
            }
            return new Zones(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of name, aliases (comma-separated), parent code. */
    Zones(List<String[]> rows) {
        List<Map.Entry<String, Zone>> all = new ArrayList<>();
        for (String[] f : rows) {
            Zone zone = new Zone(f[0].strip(), f[2].strip());
            List<String> names = new ArrayList<>();
            names.add(zone.name());
            if (!f[1].isBlank()) for (String alias : f[1].split(",")) names.add(alias.strip());
            for (String n : List.copyOf(names)) {
                String shortForm = shortForm(n);
                if (shortForm != null) names.add(shortForm);
            }
            for (String n : names) all.add(Map.entry(n, zone));
        }
        all.sort((a, b) -> b.getKey().length() - a.getKey().length());
        for (Map.Entry<String, Zone> e : all) {
            String ending = e.getKey().substring(e.getKey().length() - 2);
            byEnding.computeIfAbsent(ending, k -> new LinkedHashMap<>()).putIfAbsent(e.getKey(), e.getValue());
        }
    }

    /** 井冈山经济技术开发区 → 井冈山经开区, 江阴高新技术产业开发区 → 江阴高新区. */
    static String shortForm(String name) {
        for (String[] s : new String[][] {{"经济技术开发区", "经开区"}, {"经济开发区", "经开区"}, {"高新技术产业开发区", "高新区"}}) {
            if (name.endsWith(s[0]) && name.length() > s[0].length() + 1) return name.substring(0, name.length() - s[0].length()) + s[1];
        }
        return null;
    }

    /** Could the string name a zone at all (a cheap gate before {@link #find}). */
    public boolean mayName(String s) {
        for (String ending : byEnding.keySet()) if (s.contains(ending)) return true;
        return false;
    }

    /** The spellings whose ending the string contains, longest first. */
    private List<Map.Entry<String, Zone>> candidates(String s) {
        List<Map.Entry<String, Zone>> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Zone>> e : byEnding.entrySet()) {
            if (s.contains(e.getKey())) out.addAll(e.getValue().entrySet());
        }
        out.sort((a, b) -> b.getKey().length() - a.getKey().length());
        return out;
    }

    /** The first zone the string names (the longest spelling at that place), or null. */
    public Match find(String s) {
        if (s == null) return null;
        Match best = null;
        for (Map.Entry<String, Zone> e : candidates(s)) {
            int at = s.indexOf(e.getKey());
            if (at >= 0 && (best == null || at < best.position())) best = new Match(e.getValue(), e.getKey(), at, subArea(s, at + e.getKey().length()));
        }
        return best;
    }

    /** Every zone the string names, with repetitions, for counting mentions. */
    public List<Match> findAll(String s) {
        List<Match> out = new ArrayList<>();
        if (s == null) return out;
        List<Map.Entry<String, Zone>> candidates = candidates(s);
        if (candidates.isEmpty()) return out;
        boolean[] taken = new boolean[s.length()];
        for (Map.Entry<String, Zone> e : candidates) {
            for (int at = s.indexOf(e.getKey()); at >= 0; at = s.indexOf(e.getKey(), at + 1)) {
                if (taken[at]) continue;
                for (int i = at; i < at + e.getKey().length(); i++) taken[i] = true;
                out.add(new Match(e.getValue(), e.getKey(), at, subArea(s, at + e.getKey().length())));
            }
        }
        return out;
    }

    /** 平潭综合实验区金井片区管理局: the 片区 right after the zone's name. */
    private static String subArea(String s, int from) {
        int end = from + 4;
        if (end <= s.length() && s.startsWith("片区", from + 2)
                && Character.UnicodeScript.of(s.charAt(from)) == Character.UnicodeScript.HAN
                && Character.UnicodeScript.of(s.charAt(from + 1)) == Character.UnicodeScript.HAN) {
            return s.substring(from, end);
        }
        return null;
    }
}
