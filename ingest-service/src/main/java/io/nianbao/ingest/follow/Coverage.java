package io.nianbao.ingest.follow;

import io.nianbao.contracts.avro.FetchedPageRecord;
import io.nianbao.contracts.avro.SourceRecord;
import io.nianbao.core.metadata.Gazetteer;
import io.nianbao.core.metadata.HostPlaces;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who has published a report for a year, who has not, and who was late, from what the watcher fetched
 * (no transport): per source and per province.
 *
 * <p>A source's publishers are its publisher hint and every publisher a report link on it ever named
 * (the title's words before the year); a publisher has published for year Y when a report page or file
 * of year Y was ingested from the source. It was late when the report's date (the listing's or the
 * page's own, else the time the watcher first saw the link) is after 31 January of Y+1 (条例 第五十条).
 * A source's province is its place hint's, else the publisher's name's, else its host's (as ingest
 * reads hosts); unknown when none says. Per province, each publisher counts where its own name places
 * it, else where its source is.
 */
public final class Coverage {

    /** One publisher's report for the year. */
    public record Published(String publisher, String url, String title, LocalDate publishedOn, boolean dateFromFirstSeen, boolean late) {
    }

    public record SourceCoverage(String source, String province, List<Published> published, List<String> missing, List<Published> late) {
    }

    public record ProvinceCoverage(String province, int sources, List<Published> published, List<String> missing, List<Published> late) {
    }

    /** @param places each publisher's province where its name gives one that differs from its source's */
    public record Report(int year, LocalDate deadline, List<SourceCoverage> sources, List<ProvinceCoverage> provinces, Map<String, String> places) {
    }

    public static final String UNKNOWN = "unknown";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Gazetteer gazetteer = Gazetteer.get();
    private final HostPlaces hosts = new HostPlaces(gazetteer);

    public Report of(int year, Collection<SourceRecord> sources, Collection<FetchedPageRecord> pages) {
        LocalDate deadline = LocalDate.of(year + 1, 1, 31);
        Map<String, List<FetchedPageRecord>> bySource = new LinkedHashMap<>();
        for (FetchedPageRecord p : pages) {
            if (p.getKind().equals(FollowWatcher.LISTING)) continue;
            bySource.computeIfAbsent(p.getSourceUrl(), s -> new ArrayList<>()).add(p);
        }
        List<SourceCoverage> out = new ArrayList<>();
        Map<String, List<SourceCoverage>> byProvince = new TreeMap<>();
        for (SourceRecord s : sources.stream().sorted(Comparator.comparing(SourceRecord::getUrl)).toList()) {
            List<FetchedPageRecord> found = bySource.getOrDefault(s.getUrl(), List.of());
            TreeSet<String> known = new TreeSet<>();
            if (s.getPublisher() != null) known.add(s.getPublisher());
            Map<String, Published> published = new TreeMap<>();
            for (FetchedPageRecord p : found) {
                String publisher = p.getPublisher() != null ? p.getPublisher() : s.getPublisher();
                if (publisher == null) continue;
                known.add(publisher);
                if (!Objects.equals(p.getReportYear(), year) || p.getVersions() < 1) continue;
                LocalDate on = p.getPublishedOn() == null ? null : LocalDate.parse(p.getPublishedOn());
                boolean fromFirstSeen = on == null;
                if (on == null) on = p.getFirstSeenAt().atZone(CHINA).toLocalDate();
                Published pub = new Published(publisher, p.getKind().equals(FollowWatcher.ATTACHMENT) && p.getParentUrl() != null ? p.getParentUrl() : p.getUrl(),
                        p.getTitle(), on, fromFirstSeen, on.isAfter(deadline));
                // a publisher's earliest report of the year counts (a page and its attachment are one report)
                published.merge(publisher, pub, (a, b) -> a.publishedOn().isAfter(b.publishedOn()) ? b : a);
            }
            List<String> missing = known.stream().filter(p -> !published.containsKey(p)).toList();
            List<Published> pubs = new ArrayList<>(published.values());
            String province = province(s, known);
            SourceCoverage c = new SourceCoverage(s.getUrl(), province, pubs, missing, pubs.stream().filter(Published::late).toList());
            out.add(c);
            byProvince.computeIfAbsent(province, p -> new ArrayList<>()).add(c);
        }
        // per province, each publisher where its own name places it (a province portal lists its counties; a
        // source may list a publisher of another province), else where its source is
        Map<String, Map<String, Published>> pubsBy = new TreeMap<>();
        Map<String, TreeSet<String>> missingBy = new TreeMap<>();
        Map<String, java.util.Set<String>> sourcesBy = new TreeMap<>();
        Map<String, String> places = new TreeMap<>();
        for (SourceCoverage c : out) {
            for (Published p : c.published()) {
                String prov = provinceOfPublisher(p.publisher(), c.province());
                if (!prov.equals(c.province())) places.put(p.publisher(), prov);
                pubsBy.computeIfAbsent(prov, k -> new TreeMap<>()).merge(p.publisher(), p, (a, b) -> a.publishedOn().isAfter(b.publishedOn()) ? b : a);
                sourcesBy.computeIfAbsent(prov, k -> new TreeSet<>()).add(c.source());
            }
            for (String m : c.missing()) {
                String prov = provinceOfPublisher(m, c.province());
                if (!prov.equals(c.province())) places.put(m, prov);
                missingBy.computeIfAbsent(prov, k -> new TreeSet<>()).add(m);
                sourcesBy.computeIfAbsent(prov, k -> new TreeSet<>()).add(c.source());
            }
            if (c.published().isEmpty() && c.missing().isEmpty()) sourcesBy.computeIfAbsent(c.province(), k -> new TreeSet<>()).add(c.source());
        }
        List<ProvinceCoverage> provinces = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> e : sourcesBy.entrySet()) {
            Map<String, Published> pubs = pubsBy.getOrDefault(e.getKey(), Map.of());
            TreeSet<String> missing = new TreeSet<>(missingBy.getOrDefault(e.getKey(), new TreeSet<>()));
            missing.removeAll(pubs.keySet());
            List<Published> list = new ArrayList<>(pubs.values());
            provinces.add(new ProvinceCoverage(e.getKey(), e.getValue().size(), list, List.copyOf(missing), list.stream().filter(Published::late).toList()));
        }
        return new Report(year, deadline, out, provinces, places);
    }

    private String provinceOfPublisher(String publisher, String fallback) {
        String p = provinceOfText(publisher);
        return p != null ? p : fallback;
    }

    /** The source's province: its place's, else its publishers' names', else its host's. */
    String province(SourceRecord s, Collection<String> publishers) {
        if (s.getPlace() != null) {
            String p = provinceOfText(s.getPlace());
            if (p != null) return p;
        }
        for (String name : publishers) {
            String p = provinceOfText(name);
            if (p != null) return p;
        }
        try {
            Gazetteer.Division d = hosts.locate(s.getUrl());
            if (d != null) return gazetteer.provinceOf(d).name();
        } catch (RuntimeException ignored) {
            // a host that is no place
        }
        return UNKNOWN;
    }

    private String provinceOfText(String text) {
        List<Gazetteer.Division> exact = new ArrayList<>(gazetteer.named(text));
        if (exact.isEmpty()) exact.addAll(gazetteer.withShortName(text));
        if (!exact.isEmpty()) {
            String p = sameProvince(exact);
            if (p != null) return p;
        }
        for (Gazetteer.Match m : gazetteer.find(text)) {
            String p = sameProvince(m.divisions());
            if (p != null) return p;
        }
        return null;
    }

    private String sameProvince(List<Gazetteer.Division> divisions) {
        String p = null;
        for (Gazetteer.Division d : divisions) {
            Gazetteer.Division prov = gazetteer.provinceOf(d);
            if (prov == null) continue;
            if (p != null && !p.equals(prov.name())) return null;
            p = prov.name();
        }
        return p;
    }

    /** The report as CSV (UTF-8 with a BOM, so spreadsheets read the Chinese): one row per source, publisher and status; the publisher's province. */
    public static String csv(Report r) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("year,province,source,publisher,status,publishedOn,dateFrom,url\r\n");
        for (SourceCoverage c : r.sources()) {
            for (Published p : c.published()) {
                row(out, Integer.toString(r.year()), r.places().getOrDefault(p.publisher(), c.province()), c.source(), p.publisher(), p.late() ? "late" : "published", p.publishedOn().toString(),
                        p.dateFromFirstSeen() ? "first seen" : "page", p.url());
            }
            for (String m : c.missing()) row(out, Integer.toString(r.year()), r.places().getOrDefault(m, c.province()), c.source(), m, "missing", "", "", "");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) out.append(',');
            String f = fields[i] == null ? "" : fields[i];
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) out.append('"').append(f.replace("\"", "\"\"")).append('"');
            else out.append(f);
        }
        out.append("\r\n");
    }
}
