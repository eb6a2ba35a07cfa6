package io.nianbao.core.metadata;

import io.nianbao.core.metadata.Gazetteer.Division;
import io.nianbao.core.metadata.Gazetteer.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the issuer, report year, publication date, document number and place of a report from its
 * normalised text. It never guesses a year: when the text does not say, the year is null with a warning
 * (or the ingest hint, marked as such).
 */
public final class MetadataExtractor {

    private static final Pattern TITLE = Pattern.compile(
            "([\\p{IsHan}()]{2,40}?)\\s*((?:19|20)\\d{2})\\s*年度?\\s*(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?的?(?:年度)?报告");
    private static final Pattern TITLE_WITHOUT_ISSUER = Pattern.compile(
            "^\\s*《?((?:19|20)\\d{2})\\s*年度?\\s*(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?的?(?:年度)?报告");
    private static final Pattern PERIOD = Pattern.compile("((?:19|20)\\d{2})\\s*年\\s*1\\s*月\\s*1\\s*日(?:起)?\\s*(?:至|到|-|—)\\s*(?:((?:19|20)\\d{2})\\s*年)?\\s*12\\s*月\\s*31\\s*日");
    private static final Pattern ORGAN_LINE = Pattern.compile(
            "^[\\p{IsHan}()]{2,30}(?:人民政府办公室|人民政府办公厅|人民政府|管委会|管理委员会|委员会|办公室|办公厅|局|厅|中心|政府)$");
    private static final Pattern DATE_LINE = Pattern.compile("^((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日(?:印发)?$");
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("^[\\p{IsHan}]{1,12}[〔\\[［(（]((?:19|20)\\d{2})[〕\\]］)）]\\s*\\d{1,4}\\s*号$");
    private static final Pattern ZONE = Pattern.compile("([\\p{IsHan}]{2,4}?)(高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|新区)");
    private static final Pattern LEADING_VERBS = Pattern.compile("^(?:现将|根据|按照|特将|上报|关于|印发)+");
    private static final Pattern NARRATIVE_RECEIVED = Pattern.compile(
            "(?:收到|受理)[^。；;，,]{0,20}?申请[^。；;，,0-9]{0,14}?(\\d+)\\s*(?:件|例|条|份|宗)");

    private final Gazetteer gazetteer;

    public MetadataExtractor() {
        this(Gazetteer.get());
    }

    public MetadataExtractor(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public ReportMetadata extract(String text, ReportHints hints) {
        List<String> warnings = new ArrayList<>();
        Set<String> hinted = new LinkedHashSet<>();
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();

        String issuer = null;
        Integer year = null;
        for (int i = 0; i < Math.min(lines.size(), 15) && issuer == null; i++) {
            String line = lines.get(i);
            Matcher bare = TITLE_WITHOUT_ISSUER.matcher(line);
            if (bare.find()) {
                year = year != null ? year : Integer.valueOf(bare.group(1));
                if (i > 0 && ORGAN_LINE.matcher(lines.get(i - 1)).matches()) issuer = lines.get(i - 1);
                continue;
            }
            Matcher title = TITLE.matcher(line);
            if (title.find()) {
                String candidate = cleanIssuer(title.group(1));
                if (candidate != null) {
                    issuer = candidate;
                    year = year != null ? year : Integer.valueOf(title.group(2));
                }
            }
        }
        if (issuer == null) issuer = signatureOrgan(lines);
        if (issuer == null) issuer = zoneIssuer(text);
        if (year == null) year = periodYear(text);
        if (issuer == null && hints.publisherHint() != null && !hints.publisherHint().isBlank()) {
            issuer = hints.publisherHint().strip();
            hinted.add("issuer");
        }
        if (year == null && hints.yearHint() != null) {
            year = hints.yearHint();
            hinted.add("reportYear");
        }
        if (issuer == null) warnings.add("ISSUER_NOT_FOUND: the text names no issuing organ");
        else issuer = completeOrgan(issuer);
        if (year == null) warnings.add("REPORT_YEAR_NOT_FOUND: the text states no report year (title, body or statistics period)");

        List<String> ambiguous = new ArrayList<>();
        Place place = locate(issuer, text, ambiguous);
        warnings.addAll(ambiguous);
        if (place == null && hints.sourceUrl() != null && !hints.sourceUrl().isBlank()) {
            Division byHost = new HostPlaces(gazetteer).locate(hints.sourceUrl());
            if (byHost != null) {
                place = place(byHost);
                hinted.add("province");
                hinted.add("region");
            }
        }
        if (place == null) warnings.add("PROVINCE_NOT_FOUND: no administrative division could be read from the issuer or the text");

        String published = null;
        for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 8) && published == null; i--) {
            Matcher m = DATE_LINE.matcher(lines.get(i));
            if (m.matches()) published = "%s-%02d-%02d".formatted(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        String documentNumber = null;
        for (int i = 0; i < Math.min(lines.size(), 5) && documentNumber == null; i++) {
            if (DOCUMENT_NUMBER.matcher(lines.get(i)).matches()) documentNumber = lines.get(i).replaceAll("\\s+", "");
        }
        Double narrative = narrativeReceived(text);

        return new ReportMetadata(issuer, year,
                place == null ? null : place.region(), place == null ? null : place.province().name(),
                place == null ? null : place.division().code(), published, documentNumber, narrative, hinted, warnings);
    }

    private String cleanIssuer(String raw) {
        String s = raw;
        int about = s.indexOf("关于");
        if (about > 0) s = s.substring(0, about);
        s = LEADING_VERBS.matcher(s).replaceAll("");
        List<Gazetteer.Match> matches = gazetteer.find(s);
        if (!matches.isEmpty() && matches.getFirst().position() > 0) s = s.substring(matches.getFirst().position());
        return s.length() >= 2 ? s : null;
    }

    private static String signatureOrgan(List<String> lines) {
        for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 12); i--) {
            if (DATE_LINE.matcher(lines.get(i)).matches() && i > 0 && ORGAN_LINE.matcher(lines.get(i - 1)).matches()) {
                return lines.get(i - 1);
            }
        }
        return null;
    }

    /** A development zone named after its city (南昌高新区) is the issuer when nothing else is named. */
    private String zoneIssuer(String text) {
        Matcher m = ZONE.matcher(text);
        while (m.find()) {
            if (!gazetteer.withShortName(m.group(1)).isEmpty() || !gazetteer.named(m.group(1)).isEmpty()) return m.group(1) + m.group(2);
        }
        return null;
    }

    private static Integer periodYear(String text) {
        Matcher m = PERIOD.matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** A bare place (安源区) issues as its people's government, a bare zone as its administrative committee. */
    private String completeOrgan(String issuer) {
        if (ZONE.matcher(issuer).matches()) return issuer + "管委会";
        if (!gazetteer.named(issuer).isEmpty()) return issuer + "人民政府";
        return issuer;
    }

    record Place(Division division, Division province, String region) {
    }

    /** The division the issuer names (else the text names most), disambiguated by the places the text mentions. */
    Place locate(String issuer, String text, List<String> warnings) {
        Division chosen = null;
        if (issuer != null) chosen = mostSpecific(gazetteer.find(issuer), text, warnings);
        if (chosen == null && issuer != null && warnings.isEmpty()) {
            Matcher zone = ZONE.matcher(issuer);
            if (zone.find()) chosen = best(gazetteer.withShortName(zone.group(1)), text, warnings);
        }
        if (!warnings.isEmpty()) return null;
        if (chosen == null) {
            String head = text.length() > 4000 ? text.substring(0, 4000) : text;
            List<Gazetteer.Match> matches = new ArrayList<>(gazetteer.find(head));
            matches.removeIf(m -> m.name().length() < 3); // 城区, 郊区 … are ordinary words in prose
            chosen = mostMentioned(matches, text, warnings);
        }
        if (chosen == null) return null;
        return place(chosen);
    }

    private Place place(Division d) {
        Division province = gazetteer.provinceOf(d);
        if (province == null) return null;
        List<String> region = new ArrayList<>();
        Division prefecture = gazetteer.prefectureOf(d);
        if (prefecture != null) region.add(prefecture.name());
        if (d.level() == Level.COUNTY) region.add(d.name());
        return new Place(d, province, region.isEmpty() ? null : String.join(" ", region));
    }

    private Division mostSpecific(List<Gazetteer.Match> matches, String text, List<String> warnings) {
        Division best = null;
        for (Gazetteer.Match m : matches) {
            Division d = best(m.divisions(), text, warnings);
            if (d != null && (best == null || d.level().ordinal() > best.level().ordinal())) best = d;
        }
        return best;
    }

    private Division mostMentioned(List<Gazetteer.Match> matches, String text, List<String> warnings) {
        Division best = null;
        int bestCount = 0;
        for (Gazetteer.Match m : matches) {
            int count = count(text, m.name()) * (m.divisions().getFirst().level() == Level.COUNTY ? 3 : 1);
            if (count > bestCount) {
                Division d = best(m.divisions(), text, new ArrayList<>());
                if (d != null) {
                    best = d;
                    bestCount = count;
                }
            }
        }
        return best;
    }

    /**
     * Among same-named divisions (南山区 is in 深圳 and in 鹤岗), the one whose prefecture and province the
     * text mentions most; when the text does not tell them apart, none, and a warning.
     */
    private Division best(List<Division> candidates, String text, List<String> warnings) {
        if (candidates.isEmpty()) return null;
        if (candidates.size() == 1) return candidates.getFirst();
        Division best = candidates.stream().max(Comparator.comparingInt(d -> contextScore(d, text))).orElseThrow();
        int top = contextScore(best, text);
        List<String> tied = candidates.stream().filter(d -> contextScore(d, text) == top)
                .map(d -> gazetteer.provinceOf(d).name()).distinct().toList();
        if (tied.size() > 1) {
            warnings.add("PLACE_AMBIGUOUS: " + best.name() + " names divisions in " + String.join(", ", tied)
                    + " and the text does not say which; province left unknown");
            return null;
        }
        return best;
    }

    private int contextScore(Division d, String text) {
        int score = 0;
        for (Division above : new Division[] {gazetteer.prefectureOf(d), gazetteer.provinceOf(d)}) {
            if (above == null || above == d) continue;
            score += count(text, above.name()) * 2;
            for (String shortName : Gazetteer.shortNames(above)) score += count(text, shortName);
        }
        return score;
    }

    /** 共收到政府信息公开申请6件: tried only where 收到 or 受理 stands, within the next few dozen characters. */
    private static Double narrativeReceived(String text) {
        Matcher m = NARRATIVE_RECEIVED.matcher(text);
        int next = -1;
        while (true) {
            int a = text.indexOf("收到", next + 1);
            int b = text.indexOf("受理", next + 1);
            next = a < 0 ? b : b < 0 ? a : Math.min(a, b);
            if (next < 0) return null;
            m.region(next, Math.min(text.length(), next + 60));
            if (m.lookingAt()) return Double.valueOf(m.group(1));
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) n++;
        return n;
    }
}
