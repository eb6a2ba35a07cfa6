package io.nianbao.core.metadata;

import com.ibm.icu.text.Transliterator;
import io.nianbao.core.metadata.Gazetteer.Division;
import io.nianbao.core.metadata.Gazetteer.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Places a report by the host of the site it came from: government sites are named by the pinyin of
 * their place (www.fenyi.gov.cn → 分宜县). The pinyin of every prefecture and county name, without its
 * 市/县/区 suffix, comes from ICU's Han-Latin transliterator. A host that names no place, or a pinyin
 * shared by places in different provinces, gives nothing.
 */
public final class HostPlaces {

    private static final Set<String> GENERIC = Set.of("www", "gov", "cn", "com", "net", "org", "xxgk", "zwgk", "zfxxgk", "gk", "info", "public");
    private static final List<String> SUFFIXES = List.of("自治州", "自治县", "地区", "新区", "市", "县", "区", "盟", "旗");
    private static volatile Map<String, List<Division>> byPinyin;

    private final Gazetteer gazetteer;

    public HostPlaces(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** The division a source URL's host names, or null. */
    public Division locate(String sourceUrl) {
        String host;
        try {
            host = URI.create(sourceUrl.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host == null) return null;
        List<Division> found = new ArrayList<>();
        for (String label : host.toLowerCase(Locale.ROOT).split("\\.")) {
            if (GENERIC.contains(label)) continue;
            found.addAll(index().getOrDefault(label, List.of()));
        }
        if (found.isEmpty()) return null;
        long provinces = found.stream().map(d -> d.code().substring(0, 2)).distinct().count();
        if (provinces != 1) return null;
        // the most specific one when they nest (萍乡市 and its 安源区 share a province)
        return found.stream().filter(d -> d.level() == Level.COUNTY).findFirst().orElse(found.getFirst());
    }

    private Map<String, List<Division>> index() {
        Map<String, List<Division>> map = byPinyin;
        if (map == null) {
            synchronized (HostPlaces.class) {
                if (byPinyin == null) byPinyin = build();
                map = byPinyin;
            }
        }
        return map;
    }

    private Map<String, List<Division>> build() {
        Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower");
        Map<String, List<Division>> map = new HashMap<>();
        for (Division d : gazetteer.all()) {
            if (d.level() == Level.PROVINCE) continue;
            String base = d.name();
            for (String suffix : SUFFIXES) {
                if (base.endsWith(suffix) && base.length() > suffix.length() + 1) {
                    base = base.substring(0, base.length() - suffix.length());
                    break;
                }
            }
            String key = pinyin.transliterate(base).replaceAll("[^a-z]", "");
            if (key.length() >= 4) map.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        return map;
    }
}
