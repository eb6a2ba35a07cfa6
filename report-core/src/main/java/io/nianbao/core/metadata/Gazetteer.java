package io.nianbao.core.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * China's administrative divisions down to county level (GB/T 2260 codes; data and its origin in
 * resources nianbao/gazetteer/), and the look-ups the metadata reader needs: which divisions a string
 * names, and the province and prefecture above a division.
 */
public final class Gazetteer {

    public enum Level { PROVINCE, PREFECTURE, COUNTY }

    public record Division(String code, Level level, String name) {
    }

    private static final String RESOURCE = "/nianbao/gazetteer/divisions.tsv";
    private static volatile Gazetteer instance;

    private final Map<String, Division> byCode = new HashMap<>();
    private final Map<String, List<Division>> byName = new HashMap<>();
    /** Short names of provinces and prefectures (江西, 宁夏, 南昌, 海北州), used for context and zones. */
    private final Map<String, List<Division>> byShortName = new HashMap<>();
    private int longestName;
    /** For each character, bit L set when a name of L characters starts with it: most positions of a text need no look-up. */
    private final int[] lengthsByFirst = new int[Character.MAX_VALUE + 1];

    public static Gazetteer get() {
        Gazetteer g = instance;
        if (g == null) {
            synchronized (Gazetteer.class) {
                if (instance == null) instance = load();
                g = instance;
            }
        }
        return g;
    }

    private static Gazetteer load() {
        Gazetteer g = new Gazetteer();
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t", -1);
                g.add(new Division(f[0], Level.valueOf(f[1].toUpperCase()), f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    private void add(Division d) {
        byCode.put(d.code(), d);
        byName.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(d);
        longestName = Math.max(longestName, d.name().length());
        if (d.name().length() < 32) lengthsByFirst[d.name().charAt(0)] |= 1 << d.name().length();
        if (d.level() != Level.COUNTY) {
            for (String shortName : shortNames(d)) byShortName.computeIfAbsent(shortName, n -> new ArrayList<>()).add(d);
        }
    }

    static List<String> shortNames(Division d) {
        String n = d.name();
        List<String> names = new ArrayList<>();
        if (n.endsWith("自治区")) names.add(n.startsWith("内蒙古") ? "内蒙古" : n.substring(0, 2));
        else if (n.endsWith("自治州")) {
            String place = autonomousPrefecturePlace(n);
            names.add(place + "州");
            names.add(place);
        } else if (n.endsWith("省") || n.endsWith("市") || n.endsWith("盟")) names.add(n.substring(0, n.length() - 1));
        else if (n.endsWith("地区")) names.add(n.substring(0, n.length() - 2));
        names.removeIf(s -> s.length() < 2);
        return names;
    }

    /** The peoples an autonomous prefecture is named for, after its place name (黔东南|苗族侗族自治州). */
    private static final List<String> PEOPLES = List.of("朝鲜族", "土家族", "藏族", "羌族", "彝族", "苗族", "侗族", "布依族", "哈尼族", "壮族",
            "傣族", "景颇族", "白族", "傈僳族", "回族", "蒙古", "柯尔克孜", "哈萨克");

    /** 黔东南苗族侗族自治州 → 黔东南, 西双版纳傣族自治州 → 西双版纳 (the first two characters when no people is named). */
    static String autonomousPrefecturePlace(String name) {
        int cut = name.length() - "自治州".length();
        for (String people : PEOPLES) {
            int at = name.indexOf(people);
            if (at >= 2 && at < cut) cut = at;
        }
        return cut >= 2 && cut < name.length() - "自治州".length() ? name.substring(0, cut) : name.substring(0, 2);
    }

    public java.util.Collection<Division> all() {
        return java.util.Collections.unmodifiableCollection(byCode.values());
    }

    public Division byCode(String code) {
        return byCode.get(code);
    }

    public List<Division> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    public List<Division> withShortName(String shortName) {
        return byShortName.getOrDefault(shortName, List.of());
    }

    public Division provinceOf(Division d) {
        return byCode.get(d.code().substring(0, 2) + "0000");
    }

    /** The prefecture above a county (null for counties directly under a province, and for provinces). */
    public Division prefectureOf(Division d) {
        if (d.level() == Level.PROVINCE) return null;
        if (d.level() == Level.PREFECTURE) return d;
        return byCode.get(d.code().substring(0, 4) + "00");
    }

    /** Every full division name in the text, longest first at each position, with where it stands. */
    public List<Match> find(String text) {
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int found = 0;
            int lengths = lengthsByFirst[text.charAt(i)];
            for (int len = Math.min(longestName, text.length() - i); len >= 2 && lengths != 0; len--) {
                if ((lengths & (1 << len)) == 0) continue;
                List<Division> named = byName.get(text.substring(i, i + len));
                if (named != null) {
                    matches.add(new Match(text.substring(i, i + len), i, named));
                    found = len;
                    break;
                }
            }
            i += found > 0 ? found : 1;
        }
        return matches;
    }

    public record Match(String name, int position, List<Division> divisions) {
    }
}
