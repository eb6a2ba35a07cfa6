package io.nianbao.core.metadata;

import io.nianbao.core.metadata.Gazetteer.Division;
import io.nianbao.core.metadata.Gazetteer.Level;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the issuer, report year, publication date, document number and place of a report from its
 * normalised text. It never guesses: a field the text does not state is null with a warning saying why
 * (or the ingest hint, marked as such).
 *
 * <p>The issuer comes from the title (also split over two lines, or a sentence naming the report:
 * 现公布X2021年政府信息公开工作年度报告), else the signature, the compiler (由X编制), the contact (请联系X, when
 * the text's own 我局/我镇 agrees), the organ the body opens with (2021年，X坚持…), the 街道/镇/乡 the text calls
 * 我街/我镇/我乡, or a development zone. The year comes from the title or the statistics period (null with a
 * warning when they disagree), else the body's opening; a year before 2008 or after the current year is
 * rejected with a warning. The place comes from the issuer's name (GB/T 2260 divisions and the zones of
 * zones.tsv), else from the places the text names outside citations, else a province cited alone.
 */
public final class MetadataExtractor {

    static final int FIRST_YEAR = 2008;
    private static final int HEAD = 3000;

    /** (政府)信息公开工作年度报告, 政务公开工作情况的报告, 信息公开年报 */
    private static final String REPORT_WORDS = "(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:情况)?的?(?:年度)?(?:报告|年报)";
    /** …X2021年(度)(政府)信息公开工作年度报告; X is read back from 报告, which gates the search. */
    private static final Pattern TITLE = Pattern.compile(
            "([\\u3400-\\u9FFF\\uF900-\\uFAFF()]{2,40}?)\\s*((?:19|20)\\d{2})\\s*年度?\\s*" + REPORT_WORDS + "$");
    private static final Pattern TITLE_WITHOUT_ISSUER = Pattern.compile("^\\s*《?((?:19|20)\\d{2})\\s*年度?\\s*" + REPORT_WORDS);
    /** A title line with the year first: 2021年度柳州市民政局政府信息公开工作年度报告. */
    private static final Pattern YEAR_FIRST_TITLE = Pattern.compile(
            "^\\s*《?((?:19|20)\\d{2})\\s*年度?\\s*([\\u3400-\\u9FFF\\uF900-\\uFAFF()]{2,40}?)" + REPORT_WORDS);
    private static final Pattern ORGAN_LINE = Pattern.compile(
            "^[\\u3400-\\u9FFF\\uF900-\\uFAFF()]{2,30}(?:人民政府办公室|人民政府办公厅|人民政府|管委会|管理委员会|委员会|办公室|办公厅|局|厅|中心|政府)$");
    private static final Pattern DATE_LINE = Pattern.compile("^((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日(?:印发)?$");
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("^[\\u3400-\\u9FFF\\uF900-\\uFAFF]{1,12}[〔\\[［(（]((?:19|20)\\d{2})[〕\\]］)）]\\s*\\d{1,4}\\s*号$");
    private static final Pattern ZONE = Pattern.compile("([\\u3400-\\u9FFF\\uF900-\\uFAFF]{2,4}?)(高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|新区)");
    private static final Pattern LEADING_VERBS = Pattern.compile(
            "^(?:现将|现予|现公布|予以公布|公布|特编制|特将|特此|编制完成|编制了|编制|发布|根据|按照|上报|报送|关于|印发|并向社会公布|向社会公布|形成)+");
    /** What follows 报告 when the words name a notice about reports, not a report (…年度报告编制发布工作的通知). */
    private static final List<String> NOTICE_CONTINUATIONS = List.of("编制", "编报", "发布工作", "公布工作", "有关事项", "有关工作", "工作的通知", "的通知", "相关", "格式", "制度",
            "中指出", "中提出", "中的问题");
    /** What a 关于 clause says when the words cite an instruction (关于做好2021年…年度报告…) rather than a cover letter (关于上报…). */
    private static final Pattern INSTRUCTION = Pattern.compile("关于(?:做好|开展|印发|进一步|认真|加强|组织)");
    private static final Pattern NARRATIVE_RECEIVED = Pattern.compile(
            "(?:收到|受理)[^。；;，,]{0,20}?申请[^。；;，,0-9]{0,14}?(\\d+)\\s*(?:件|例|条|份|宗)");

    /** Names of organs, by their last words. */
    private static final String ORGAN_SUFFIX =
            "(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|办公厅|办公室|管理委员会|管委会|委员会|街道办事处|办事处|街道|中心|局|厅)";
    /** 由白沙镇人民政府党政办公室编制 */
    private static final Pattern COMPILER = Pattern.compile("由([\\u3400-\\u9FFF\\uF900-\\uFAFF()]{2,30}?" + ORGAN_SUFFIX + ")(?:根据[^。]{0,40}?)?(?:负责|组织|牵头|统一)?编制$");
    /** 请联系宜春市袁州区水利局 / 请与永修县人民政府办公室联系 */
    private static final Pattern CONTACT = Pattern.compile("(?:请|可)(?:与|和|联系|致电|咨询)([\\u3400-\\u9FFF\\uF900-\\uFAFF()]{2,30}?" + ORGAN_SUFFIX + ")(?:联系|[,，;；:：(（]|$)");
    /** 2022年，湖南省人民政府办公厅坚持… : an organ opening a clause, followed by what organs do. */
    private static final Pattern SUBJECT = Pattern.compile("(?:^|[,，。；;:：\\n])\\s*([\\u3400-\\u9FFF\\uF900-\\uFAFF]{1,24}?" + ORGAN_SUFFIX
            + ")(?=坚持|认真|深入|严格|全面|持续|按照|围绕|紧紧|积极|进一步|不断|高度|扎实|切实|聚焦|立足|始终|紧扣|牢固|以)");
    /** 九江市人民政府(市人民政府办公室), 市政府(市政府办公厅): a government and its office reporting together. */
    private static final Pattern JOINT_REPORT = Pattern.compile("政府\\([\\u3400-\\u9FFF]{0,8}(?:办公厅|办公室)\\)");
    /** 《白沙街道政务公开工作制度》: a 街道/镇/乡 at the head of a title the text cites. */
    private static final Pattern TOWNSHIP_IN_TITLE = Pattern.compile("《([\\u3400-\\u9FFF\\uF900-\\uFAFF]{2,8}?(?:街道|镇|乡))");
    /** 我局, 我委, 我街 …: the text speaking of its own organ (我区, 我县, 我市 speak of a place, not an organ). */
    private static final String SELF_REFERENCES = "局委办厅街镇乡";
    private static final Set<String> NOT_TOWNSHIPS = Set.of("乡镇", "城乡", "城镇", "村镇", "各乡镇", "全乡镇", "各街道", "全街道", "各镇", "全镇", "全乡", "各乡");
    /** Words of the gambling spam mirror sites inject where names stood. */
    private static final Pattern SPAM = Pattern.compile(
            "网投|官网|提现|博彩|彩票|赌|娱乐城|百家乐|棋牌|真人|老虎机|比分|下注|投注|开户|注册送|六合彩|时时彩|葡京|威尼斯人|太阳城|皇冠|体育在线|(?i:bet)");
    /** How the name of an organ, a place or a zone ends. */
    private static final Pattern ORGAN_ENDING = Pattern.compile(
            "(?:政府|办公厅|办公室|委员会|管委会|中心|街道|办事处|苏木|嘎查|片区|[局厅委办镇乡区县市州旗盟省处所站院馆社会队])$");
    private static final Pattern BARE_SUFFIX = Pattern.compile("^" + ORGAN_SUFFIX + "$");
    private static final Pattern PLACELESS_ORGAN = Pattern.compile("^[省市县区州旗盟](?:人民)?政府" + ORGAN_SUFFIX + "?$");
    /** An office inside an organ (白沙镇人民政府|党政办公室): it compiles the organ's report. */
    private static final Pattern INTERNAL_OFFICE = Pattern.compile("^(.{2,24}?(?:人民政府|政府|街道办事处|局|委员会|管委会))(?:党政综合办公室|党政办公室|综合办公室|政务公开办公室|办公室|党政办)$");

    private final Gazetteer gazetteer;
    private final Zones zones;
    private final int lastYear;

    public MetadataExtractor() {
        this(Gazetteer.get());
    }

    public MetadataExtractor(Gazetteer gazetteer) {
        this(gazetteer, Zones.get(), Year.now().getValue());
    }

    /** With the last report year accepted (the current year; tests fix it). */
    MetadataExtractor(Gazetteer gazetteer, Zones zones, int lastYear) {
        this.gazetteer = gazetteer;
        this.zones = zones;
        this.lastYear = lastYear;
    }

    record Candidate(String issuer, int year, int position) {
    }

    public ReportMetadata extract(String text, ReportHints hints) {
        List<String> warnings = new ArrayList<>();
        Set<String> hinted = new LinkedHashSet<>();
        String head = text.length() > HEAD ? text.substring(0, HEAD) : text;
        List<String> lines = firstLines(head, 15);
        List<String> last = lastLines(text, 13);

        // ---- issuer and year from the title, or a sentence naming the report
        List<Candidate> titles = new ArrayList<>();
        Integer selfTitleYear = titleCandidates(lines, head, titles, warnings);
        Candidate chosen = choose(titles);
        String issuer = chosen == null ? null : chosen.issuer();
        boolean zoneByMention = false;
        Integer year = null;
        String yearSource = null;
        Integer titleYear = chosen != null ? Integer.valueOf(chosen.year()) : selfTitleYear;

        List<String> periodConflicts = new ArrayList<>();
        ReportYears.Found period = inRange(ReportYears.period(text, periodConflicts), warnings);
        if (titleYear != null) {
            if (period != null && period.year() != titleYear.intValue()) {
                warnings.add("REPORT_YEAR_CONFLICT: the title says " + titleYear + " but the " + period.source() + " says " + period.year()
                        + "; report year left unknown");
            } else {
                year = titleYear;
            }
        } else if (period != null) {
            if (!periodConflicts.isEmpty()) {
                warnings.add("REPORT_YEAR_CONFLICT: the text gives statistics periods of different years (" + periodConflicts.getFirst()
                        + "); report year left unknown");
            } else {
                year = period.year();
            }
        } else {
            ReportYears.Found body = inRange(ReportYears.body(head), warnings);
            if (body != null) {
                year = body.year();
                yearSource = body.source();
            }
        }

        // ---- issuer from elsewhere when no title names it
        if (issuer == null) issuer = signatureOrgan(last);
        String selfReferences = selfReferences(head);
        if (issuer == null) issuer = implied(compiler(head), "the compiler sentence (由…编制)", warnings);
        if (issuer == null) issuer = implied(contact(head, selfReferences), "the contact sentence (请联系…) and the text's own 我" + selfReferences, warnings);
        if (issuer == null) issuer = implied(subject(head, selfReferences), "the organ the body opens a sentence with", warnings);
        if (issuer == null) issuer = implied(township(head, selfReferences), "the 街道/镇/乡 the text cites its own documents under (我" + selfReferences + ")", warnings);
        if (issuer == null) {
            issuer = zoneIssuer(text);
            zoneByMention = issuer != null;
        }
        if (issuer == null && hints.publisherHint() != null && !hints.publisherHint().isBlank()) {
            issuer = hints.publisherHint().strip();
            hinted.add("issuer");
        }
        if (year == null && titleYear == null && period == null && hints.yearHint() != null) {
            year = hints.yearHint();
            hinted.add("reportYear");
        }
        if (issuer == null) warnings.add("ISSUER_NOT_FOUND: the text names no issuing organ");
        else {
            String corrected = correctOcr(issuer, warnings);
            if (corrected != null) issuer = corrected;
            issuer = completeOrgan(issuer, zoneByMention);
        }
        if (year == null && !hinted.contains("reportYear") && warnings.stream().noneMatch(w -> w.startsWith("REPORT_YEAR_"))) {
            warnings.add("REPORT_YEAR_NOT_FOUND: the text states no report year (title, body or statistics period)");
        }

        // ---- place
        List<String> placeWarnings = new ArrayList<>();
        Place place = locate(hinted.contains("issuer") ? null : issuer, text, placeWarnings);
        if (place == null && hinted.contains("issuer") && placeWarnings.isEmpty()) {
            place = locate(issuer, text, placeWarnings);
            if (place != null) {
                hinted.add("province");
                hinted.add("region");
            }
        }
        warnings.addAll(placeWarnings);
        if (place == null && hints.sourceUrl() != null && !hints.sourceUrl().isBlank()) {
            Division byHost = new HostPlaces(gazetteer).locate(hints.sourceUrl());
            if (byHost != null) {
                place = place(byHost, null);
                hinted.add("province");
                hinted.add("region");
            }
        }
        if (place == null) warnings.add("PROVINCE_NOT_FOUND: no administrative division could be read from the issuer or the text");

        String published = null;
        for (int i = last.size() - 1; i >= Math.max(0, last.size() - 8) && published == null; i--) {
            Matcher m = DATE_LINE.matcher(last.get(i));
            if (m.matches()) published = "%s-%02d-%02d".formatted(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        String documentNumber = null;
        for (int i = 0; i < Math.min(lines.size(), 5) && documentNumber == null; i++) {
            if (DOCUMENT_NUMBER.matcher(lines.get(i)).matches()) documentNumber = lines.get(i).replaceAll("\\s+", "");
        }
        Double narrative = narrativeReceived(text);
        if (yearSource != null && year != null) warnings.add("REPORT_YEAR_FROM_BODY: no title states the year; " + year + " read from the " + yearSource);

        return new ReportMetadata(issuer, year,
                place == null ? null : place.region(), place == null ? null : place.province().name(),
                place == null ? null : place.code(), published, documentNumber, narrative, hinted, warnings);
    }

    /** The first {@code n} non-blank lines, stripped. */
    private static List<String> firstLines(String text, int n) {
        List<String> out = new ArrayList<>(n);
        for (int from = 0; from < text.length() && out.size() < n; ) {
            int end = text.indexOf('\n', from);
            if (end < 0) end = text.length();
            String line = text.substring(from, end).strip();
            if (!line.isEmpty()) out.add(line);
            from = end + 1;
        }
        return out;
    }

    /** The last {@code n} non-blank lines, stripped, in text order. */
    private static List<String> lastLines(String text, int n) {
        List<String> out = new ArrayList<>(n);
        for (int end = text.length(); end > 0 && out.size() < n; ) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end).strip();
            if (!line.isEmpty()) out.add(line);
            end = start - 1;
        }
        java.util.Collections.reverse(out);
        return out;
    }

    // ------------------------------------------------------------------ years

    private ReportYears.Found inRange(ReportYears.Found found, List<String> warnings) {
        if (found == null) return null;
        if (found.year() < FIRST_YEAR || found.year() > lastYear) {
            warnings.add("REPORT_YEAR_REJECTED: " + found.year() + " (" + found.source() + ") is before " + FIRST_YEAR + " or after " + lastYear);
            return null;
        }
        return found;
    }

    private boolean yearInRange(int year, String where, List<String> warnings) {
        if (year >= FIRST_YEAR && year <= lastYear) return true;
        warnings.add("REPORT_YEAR_REJECTED: " + year + " (" + where + ") is before " + FIRST_YEAR + " or after " + lastYear);
        return false;
    }

    // ------------------------------------------------------------------ titles

    /**
     * Every title naming this report, in text order: a title line after its organ's line, and every
     * …X2021年政府信息公开工作年度报告 in the head that is not a notice about reports. Returns the year of a
     * title that names no organ (本机关2019年…报告, 2021年政府信息公开工作年度报告), or null.
     */
    /** Whether a line goes on after its 报告 with more than a title does (通知, 整改情况, 中指出 …). */
    private static boolean continuesAsNotice(String line, int end) {
        String after = line.substring(end).strip();
        if (after.isEmpty()) return false;
        if (NOTICE_CONTINUATIONS.stream().anyMatch(after::startsWith)) return true;
        // words run straight on from 报告 (…年度报告反映问题整改情况): a phrase about a report, not its title
        char next = line.charAt(end);
        return Character.UnicodeScript.of(next) == Character.UnicodeScript.HAN;
    }

    private Integer titleCandidates(List<String> lines, String head, List<Candidate> out, List<String> warnings) {
        Integer bareYear = null;
        for (int i = 0; i < Math.min(lines.size(), 15); i++) {
            Matcher yearFirst = YEAR_FIRST_TITLE.matcher(lines.get(i));
            if (yearFirst.find()) {
                if (continuesAsNotice(lines.get(i), yearFirst.end())) continue; // …年度报告反映问题整改情况 is no title
                int y = Integer.parseInt(yearFirst.group(1));
                // 2021年某县人民政府信息公开…: the organ's 政府 was read as the report's
                String name = yearFirst.group(2).endsWith("人民") ? yearFirst.group(2) + "政府" : yearFirst.group(2);
                String organ = INSTRUCTION.matcher(name).find() ? null : cleanIssuer(name);
                if (organ != null && yearInRange(y, "title \"" + lines.get(i) + "\"", warnings)) {
                    out.add(new Candidate(organ, y, Math.max(0, head.indexOf(lines.get(i)))));
                }
                continue;
            }
            Matcher bare = TITLE_WITHOUT_ISSUER.matcher(lines.get(i));
            if (!bare.find() || continuesAsNotice(lines.get(i), bare.end())) continue;
            int y = Integer.parseInt(bare.group(1));
            if (!yearInRange(y, "title \"" + lines.get(i) + "\"", warnings)) continue;
            if (i > 0 && ORGAN_LINE.matcher(lines.get(i - 1)).matches()) {
                String organ = cleanIssuer(lines.get(i - 1));
                if (organ != null) out.add(new Candidate(organ, y, Math.max(0, head.indexOf(lines.get(i - 1)))));
            } else if (bareYear == null) {
                bareYear = y;
            }
        }
        Matcher m = TITLE.matcher(head);
        for (int at = nextReportWord(head, 0); at >= 0; at = nextReportWord(head, at + 2)) {
            int year = yearBefore(head, at);
            if (year < 0) continue;
            m.region(Math.max(0, year - 42), at + 2);
            if (!m.find()) continue;
            String after = head.substring(at + 2, Math.min(head.length(), at + 8));
            if (NOTICE_CONTINUATIONS.stream().anyMatch(after::startsWith)) continue;
            String raw = m.group(1);
            if (INSTRUCTION.matcher(raw).find()) continue;
            int y = Integer.parseInt(m.group(2));
            if (!yearInRange(y, "title \"" + m.group().strip() + "\"", warnings)) continue;
            char before = m.start(1) > 0 ? head.charAt(m.start(1) - 1) : ' ';
            if (SPAM.matcher(raw).find()) {
                // …网投_…bet官网提现…县人民政府2021年…: gambling words where the name stood
                warnings.add("SPAM_TEXT: the words before the title \"" + m.group().strip() + "\" look injected; not taken for the issuer");
                continue;
            }
            // a name glued to ASCII (a path, a URL, spam: …bet维护县人民政府) may be cut anywhere
            if (before < 128 && Character.isLetterOrDigit(before) || before == '_' || before == '/') continue;
            String organ = cleanIssuer(raw);
            if (organ != null && BARE_SUFFIX.matcher(organ).matches()) organ = joinedWithLineBefore(head, m.start(1), organ);
            if (organ != null) out.add(new Candidate(organ, y, m.start(1)));
            else if (bareYear == null && selfNamed(raw)) bareYear = y;
        }
        out.sort(Comparator.comparingInt(Candidate::position));
        return bareYear;
    }

    /**
     * A title broken inside its organ's name (永修县三溪桥镇 / 人民政府2023年…): the name's start on the line
     * before, when that line is nothing but Han characters; else nothing (人民政府 alone names no one).
     */
    private String joinedWithLineBefore(String head, int start, String suffix) {
        int end = start;
        while (end > 0 && head.charAt(end - 1) == ' ') end--;
        if (end == 0 || head.charAt(end - 1) != '\n') return null;
        int from = head.lastIndexOf('\n', end - 2) + 1;
        String before = head.substring(from, end - 1).strip();
        if (before.length() < 2 || before.length() > 30 || !before.chars().allMatch(c -> c >= 0x3400 && c <= 0x9FFF)) return null;
        String joined = before + suffix;
        return startsWithPlace(joined) ? joined : null;
    }

    /** Where a 4-digit year followed by 年 stands in the 28 characters before {@code at}, or -1. */
    private static int yearBefore(String s, int at) {
        for (int i = at - 1; i >= Math.max(4, at - 28); i--) {
            if (s.charAt(i) != '年') continue;
            int j = i - 1;
            while (j >= 0 && s.charAt(j) == ' ') j--;
            if (j >= 3 && isDigit(s.charAt(j)) && isDigit(s.charAt(j - 1)) && isDigit(s.charAt(j - 2)) && isDigit(s.charAt(j - 3))) return j - 3;
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Where the next 报告 or 年报 stands from {@code from}, or -1. */
    private static int nextReportWord(String s, int from) {
        int a = s.indexOf("报告", from);
        int b = s.indexOf("年报", from);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** 本机关2019年…, 我局2021年…, 编制完成2023年度…: the report named without its organ. */
    private static boolean selfNamed(String raw) {
        String s = LEADING_VERBS.matcher(raw).replaceAll("");
        return s.isEmpty() || s.startsWith("我") || s.startsWith("本");
    }

    /**
     * The first title, unless it names no place and a later one names the same organ with its place
     * (三溪桥镇… and later 永修县三溪桥镇人民政府…).
     */
    private Candidate choose(List<Candidate> titles) {
        if (titles.isEmpty()) return null;
        Candidate chosen = titles.getFirst();
        if (startsWithPlace(chosen.issuer())) return chosen;
        String stem = chosen.issuer().replaceAll("(?:人民政府|政府)$", "");
        for (Candidate c : titles) {
            if (c != chosen && startsWithPlace(c.issuer()) && c.issuer().contains(stem)) return c;
        }
        return chosen;
    }

    private boolean startsWithPlace(String s) {
        for (Gazetteer.Match m : gazetteer.find(s.length() > 12 ? s.substring(0, 12) : s)) {
            if (m.position() == 0) return true;
        }
        Zones.Match z = zones.find(s);
        return z != null && z.position() == 0;
    }

    private String cleanIssuer(String raw) {
        if (SPAM.matcher(raw).find()) return null;
        String s = raw;
        int about = s.indexOf("关于");
        if (about > 0) s = s.substring(0, about);
        s = LEADING_VERBS.matcher(s).replaceAll("");
        // 九江市人民政府(市人民政府办公室): the organ, without the office in brackets
        int bracket = s.indexOf('(');
        if (bracket > 0 && s.endsWith(")")) s = s.substring(0, bracket);
        if (s.indexOf('(') >= 0 || s.indexOf(')') >= 0) return null;
        // a page's 信息来源:三溪桥镇政府 glued to the title 三溪桥镇2023年…: keep the title's words
        for (int k = 2; k + 2 <= s.length(); k++) {
            String tail = s.substring(k);
            if (s.startsWith(tail)) {
                s = tail;
                break;
            }
        }
        int first = Integer.MAX_VALUE;
        List<Gazetteer.Match> matches = gazetteer.find(s);
        if (!matches.isEmpty()) first = matches.getFirst().position();
        Zones.Match zone = zones.find(s);
        if (zone != null) first = Math.min(first, zone.position());
        if (first != Integer.MAX_VALUE && first > 0) s = s.substring(first);
        if (s.length() < 2 || s.startsWith("我") || s.startsWith("本") || s.startsWith("该")) return null;
        // 针对2020年…报告中指出的问题: words before a year that name no organ
        if (!ORGAN_ENDING.matcher(s).find() && !startsWithPlace(s)) return null;
        return s;
    }

    private static String signatureOrgan(List<String> lines) {
        for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 12); i--) {
            if (DATE_LINE.matcher(lines.get(i)).matches() && i > 0 && ORGAN_LINE.matcher(lines.get(i - 1)).matches()) {
                return lines.get(i - 1);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ implied issuers

    private static String implied(String issuer, String from, List<String> warnings) {
        if (issuer != null) warnings.add("ISSUER_IMPLIED: no title names the issuer; " + issuer + " read from " + from);
        return issuer;
    }

    /**
     * Which of 我局, 我委, 我办, 我厅, 我街, 我镇, 我乡 (and 本局, 本委, 本厅, 本街道, 本镇, 本乡) the text uses, as
     * their second characters. Not 本办 (本办法 is a regulation) nor 我乡村 (rural, not a township).
     */
    private static String selfReferences(String head) {
        StringBuilder refs = new StringBuilder();
        for (char self : new char[] {'我', '本'}) {
            for (int at = head.indexOf(self); at >= 0 && at + 2 < head.length(); at = head.indexOf(self, at + 1)) {
                char c = head.charAt(at + 1);
                char next = head.charAt(at + 2);
                if (SELF_REFERENCES.indexOf(c) < 0 || refs.indexOf(String.valueOf(c)) >= 0) continue;
                if (c == '乡' && next == '村' || self == '本' && (c == '办' || c == '街' && next != '道')) continue;
                refs.append(c);
            }
        }
        return refs.toString();
    }

    /** The self-reference an organ's name answers to: 局 for 民政局, 镇 for 白沙镇人民政府, 办 for 办公室. */
    static char organKind(String organ) {
        String s = organ.replaceAll("(?:人民政府|政府)$", "");
        if (s.isEmpty()) return 0;
        if (s.endsWith("街道办事处") || s.endsWith("街道") || s.endsWith("街道办")) return '街';
        if (s.endsWith("办公室") || s.endsWith("办")) return '办';
        if (s.endsWith("委员会") || s.endsWith("管委会") || s.endsWith("委")) return '委';
        char last = s.charAt(s.length() - 1);
        return SELF_REFERENCES.indexOf(last) >= 0 ? last : 0;
    }

    private static boolean agrees(String organ, String selfReferences) {
        char kind = organKind(organ);
        return kind != 0 && selfReferences.indexOf(kind) >= 0;
    }

    /** 由浙江省水利厅编制; a township's internal office (由白沙镇人民政府党政办公室编制) compiles its government's report. */
    private String compiler(String head) {
        Matcher m = COMPILER.matcher(head);
        for (int at = head.indexOf("编制"); at >= 0; at = head.indexOf("编制", at + 2)) {
            m.region(Math.max(0, at - 80), at + 2);
            if (!m.find()) continue;
            String organ = cleanIssuer(m.group(1));
            if (organ == null) continue;
            Matcher office = INTERNAL_OFFICE.matcher(organ);
            if (office.matches()) {
                String government = office.group(1);
                // a township has no office reporting on its own; a county's office may report for itself or its government
                if (government.matches(".*(?:(?:镇|乡|街道)(?:人民政府|政府)|街道办事处)$")) return government;
                continue;
            }
            // an office (政务公开办公室, 政府办公室) compiles for others as often as for itself
            if (organ.endsWith("办公室") || organ.endsWith("办")) continue;
            if (isPlaced(organ)) return organ;
        }
        return null;
    }

    /**
     * 请联系宜春市袁州区水利局: the contact is the issuer when the text's own 我局 agrees with it; the office of
     * an organ the text calls 我局 (…局办公室) stands for that organ. A contact alone may be only the office
     * that answers for its government, so without 我局 it is not taken.
     */
    private String contact(String head, String selfReferences) {
        Matcher m = CONTACT.matcher(head);
        for (int at = head.indexOf("联系"); at >= 0; at = head.indexOf("联系", at + 2)) {
            m.region(Math.max(0, at - 40), Math.min(head.length(), at + 40));
            if (!m.find()) continue;
            String organ = cleanIssuer(m.group(1));
            if (organ == null || !isPlaced(organ)) continue;
            if (agrees(organ, selfReferences)) return organ;
            Matcher office = INTERNAL_OFFICE.matcher(organ);
            if (office.matches() && agrees(office.group(1), selfReferences)) return office.group(1);
        }
        return null;
    }

    /**
     * 2022年，湖南省人民政府办公厅坚持…: an organ with its place; a placeless one (县政府办公室) only when named
     * twice. Not in a joint report of a government and its office (市政府(市政府办公厅)), where the office
     * doing the work does not tell which of the two issues the report.
     */
    private String subject(String head, String selfReferences) {
        if (JOINT_REPORT.matcher(head).find()) return null;
        Matcher m = SUBJECT.matcher(head.length() > 1500 ? head.substring(0, 1500) : head);
        while (m.find()) {
            String organ = cleanIssuer(m.group(1));
            if (organ == null) continue;
            if (!selfReferences.isEmpty() && !agrees(organ, selfReferences)) continue;
            if (isPlaced(organ) || PLACELESS_ORGAN.matcher(organ).matches() && count(head, organ) >= 2) return organ;
        }
        return null;
    }

    /** 我街 and 《白沙街道…》: the one 街道/镇/乡 the text cites its own documents under. */
    private static String township(String head, String selfReferences) {
        if (selfReferences.indexOf('街') < 0 && selfReferences.indexOf('镇') < 0 && selfReferences.indexOf('乡') < 0) return null;
        String found = null;
        Matcher m = TOWNSHIP_IN_TITLE.matcher(head);
        for (int at = head.indexOf('《'); at >= 0; at = head.indexOf('《', at + 1)) {
            m.region(at, Math.min(head.length(), at + 12));
            if (!m.lookingAt()) continue;
            String name = m.group(1);
            if (NOT_TOWNSHIPS.contains(name) || name.startsWith("各") || name.startsWith("全") || name.startsWith("本")) continue;
            if (!agrees(name, selfReferences)) continue;
            if (found != null && !found.equals(name)) return null;
            found = name;
        }
        return found;
    }

    /** Does the organ's name start with a division or a zone (or a county's, a prefecture's short name)? */
    private boolean isPlaced(String organ) {
        return startsWithPlace(organ) || prefectureByShortName(organ) != null;
    }

    /** A development zone named after its city (南昌高新区) is the issuer when nothing else is named. */
    private String zoneIssuer(String text) {
        if (!text.contains("新区") && !text.contains("开发区") && !text.contains("经开区")) return null;
        Matcher m = ZONE.matcher(text);
        while (m.find()) {
            if (!gazetteer.withShortName(m.group(1)).isEmpty() || !gazetteer.named(m.group(1)).isEmpty()) return m.group(1) + m.group(2);
        }
        return null;
    }

    /** A bare place (安源区) issues as its people's government; a zone only mentioned (南昌高新区…) as its administrative committee. */
    private String completeOrgan(String issuer, boolean zoneByMention) {
        if (zoneByMention && ZONE.matcher(issuer).matches()) return issuer + "管委会";
        if (!gazetteer.named(issuer).isEmpty()) return issuer + "人民政府";
        return issuer;
    }

    // ------------------------------------------------------------------ OCR

    /** Characters OCR confuses in place names, the misread one first: 沭阳县 read as 沐阳县. */
    private static final Map<Character, Character> OCR_CONFUSIONS = Map.of('沐', '沭', '汩', '汨', '毫', '亳');

    private static boolean mayHaveOcrConfusion(String s) {
        for (char c : OCR_CONFUSIONS.keySet()) if (s.indexOf(c) >= 0) return true;
        return false;
    }

    /** The string with a misread place name corrected (and a warning), or null when there is nothing to correct. */
    String correctOcr(String s, List<String> warnings) {
        if (!mayHaveOcrConfusion(s)) return null;
        String out = null;
        for (int i = 0; i < s.length(); i++) {
            Character right = OCR_CONFUSIONS.get(s.charAt(i));
            if (right == null) continue;
            String current = out == null ? s : out;
            String fixed = current.substring(0, i) + right + current.substring(i + 1);
            String name = nameCovering(fixed, i);
            if (name != null && nameCovering(current, i) == null) {
                warnings.add("PLACE_OCR_CORRECTED: \"" + name.replace(right, s.charAt(i)) + "\" read as " + name + " (" + s.charAt(i) + " for " + right
                        + ", a common OCR confusion)");
                out = fixed;
            }
        }
        return out;
    }

    private String nameCovering(String s, int i) {
        for (int from = Math.max(0, i - 8); from <= i; from++) {
            for (int to = Math.min(s.length(), from + 10); to > i && to - from >= 2; to--) {
                if (!gazetteer.named(s.substring(from, to)).isEmpty()) return s.substring(from, to);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ place

    /** A division and the region written for it (a zone writes itself as a component of its region). */
    record Place(Division division, Division province, String region, String code) {
    }

    /** The division the issuer names, else the one the text names most outside citations, else a province cited alone. */
    Place locate(String issuer, String text, List<String> warnings) {
        if (issuer != null) {
            Zones.Match zone = zones.find(issuer);
            if (zone != null) {
                Place p = zonePlace(zone);
                if (p != null) return p;
            }
            Division chosen = mostSpecific(gazetteer.find(issuer), text, warnings);
            if (!warnings.isEmpty()) return null;
            if (chosen == null) chosen = prefectureByShortName(issuer);
            if (chosen == null) {
                Matcher z = ZONE.matcher(issuer);
                if (z.find()) chosen = best(gazetteer.withShortName(z.group(1)), text, warnings);
                if (!warnings.isEmpty()) return null;
            }
            if (chosen != null) return place(chosen, chosen.level() == Level.PROVINCE ? chosen.name() : null);
        }
        String head = text.length() > 4000 ? text.substring(0, 4000) : text;
        String outside = withoutCitations(head);
        List<Gazetteer.Match> matches = new ArrayList<>(gazetteer.find(outside));
        matches.removeIf(m -> m.name().length() < 3); // 城区, 郊区 … are ordinary words in prose
        if (matches.isEmpty() && mayHaveOcrConfusion(outside)) {
            List<String> corrections = new ArrayList<>();
            String corrected = correctOcr(outside, corrections);
            if (corrected != null) {
                outside = corrected;
                matches = new ArrayList<>(gazetteer.find(outside));
                matches.removeIf(m -> m.name().length() < 3);
                if (!matches.isEmpty()) warnings.addAll(corrections);
            }
        }
        Division chosen = mostMentioned(matches, outside, warnings);
        Zones.Match zone = mostMentionedZone(outside);
        if (zone != null && (chosen == null || contains(chosen, zone.zone().parentCode()))) {
            Place p = zonePlace(zone);
            if (p != null) {
                warnings.add("PLACE_FROM_TEXT: the issuer names no place; " + zone.written() + " is the place the text names most");
                return p;
            }
        }
        if (chosen != null) {
            warnings.add("PLACE_FROM_TEXT: the issuer names no place; " + chosen.name() + " is the place the text names most");
            return place(chosen, null);
        }
        if (head.indexOf('《') < 0) return null;
        // only citations name places: their province, when they all name the same one
        Division cited = null;
        for (Gazetteer.Match m : gazetteer.find(head)) {
            if (m.name().length() < 3 || outside.charAt(m.position()) != ' ') continue;
            Division province = gazetteer.provinceOf(m.divisions().getFirst());
            if (m.divisions().stream().map(gazetteer::provinceOf).distinct().count() != 1 || province == null) return null;
            if (cited != null && !cited.equals(province)) return null;
            cited = province;
        }
        if (cited == null) return null;
        warnings.add("PLACE_FROM_CITATIONS: only the documents the text cites name a place; their province " + cited.name() + " is taken, no region");
        return place(cited, null);
    }

    /** Is the division, or does it lie above, the one with the given code (福建省 contains 350128)? */
    private static boolean contains(Division d, String code) {
        return switch (d.level()) {
            case PROVINCE -> code.startsWith(d.code().substring(0, 2));
            case PREFECTURE -> code.startsWith(d.code().substring(0, 4));
            case COUNTY -> code.equals(d.code());
        };
    }

    /**
     * 平潭综合实验区 → 福州市 平潭综合实验区 (code of 平潭县); 井冈山经开区 → 吉安市 井冈山经开区 (code of 吉安市);
     * 平潭综合实验区金井片区 → 平潭综合实验区 金井片区.
     */
    private Place zonePlace(Zones.Match zone) {
        Division parent = gazetteer.byCode(zone.zone().parentCode());
        if (parent == null) return null;
        Division province = gazetteer.provinceOf(parent);
        if (province == null) return null;
        List<String> region = new ArrayList<>();
        Division city = cityOf(parent);
        // a zone's 片区 is the zone's own: its region starts at the zone (平潭综合实验区 金井片区)
        if (city != null && zone.subArea() == null && (parent.level() != Level.PROVINCE || isMunicipality(parent))) region.add(city.name());
        region.add(zone.written());
        if (zone.subArea() != null) region.add(zone.subArea());
        return new Place(parent, province, String.join(" ", region), parent.code());
    }

    /** The prefecture above a division, or for a municipality's district the municipality. */
    private Division cityOf(Division d) {
        Division prefecture = gazetteer.prefectureOf(d);
        if (prefecture != null && prefecture.level() == Level.PREFECTURE) return prefecture;
        Division province = gazetteer.provinceOf(d);
        if (province != null && isMunicipality(province)) return province;
        return null;
    }

    private static boolean isMunicipality(Division province) {
        return switch (province.code().substring(0, 2)) {
            case "11", "12", "31", "50" -> true;
            default -> false;
        };
    }

    /** 黔东南州民政局: an autonomous prefecture by its usual short name at the start of the issuer. */
    private Division prefectureByShortName(String issuer) {
        int zhou = issuer.indexOf('州');
        if (zhou < 2 || zhou > 4) return null;
        List<Division> named = gazetteer.withShortName(issuer.substring(0, zhou + 1));
        List<Division> prefectures = named.stream().filter(d -> d.level() == Level.PREFECTURE).toList();
        return prefectures.size() == 1 ? prefectures.getFirst() : null;
    }

    private Zones.Match mostMentionedZone(String text) {
        List<Zones.Match> all = zones.findAll(text);
        if (all.isEmpty()) return null;
        Zones.Match first = all.getFirst();
        for (Zones.Match m : all) if (!m.zone().equals(first.zone())) return null; // two zones: no telling which
        return all.stream().min(Comparator.comparingInt(Zones.Match::position)).orElseThrow();
    }

    /** The head with the words inside 《…》 blanked: a cited document's place is not the issuer's. */
    private static String withoutCitations(String head) {
        int open = head.indexOf('《');
        if (open < 0) return head;
        StringBuilder sb = new StringBuilder(head);
        int depth = 0;
        for (int i = open; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '《') depth++;
            else if (c == '》') depth = Math.max(0, depth - 1);
            else if (depth > 0) sb.setCharAt(i, ' ');
        }
        return sb.toString();
    }

    /**
     * The region for a division: its city and itself; a municipality's district with the municipality
     * (北京市 西城区); a province only when the issuer is the province's own organ ({@code provinceRegion}).
     */
    private Place place(Division d, String provinceRegion) {
        Division province = gazetteer.provinceOf(d);
        if (province == null) return null;
        List<String> region = new ArrayList<>();
        if (d.level() == Level.PROVINCE) {
            if (provinceRegion != null) region.add(provinceRegion);
        } else {
            Division city = cityOf(d);
            if (city != null && !city.name().equals(d.name())) region.add(city.name());
            region.add(d.name());
        }
        return new Place(d, province, region.isEmpty() ? null : String.join(" ", region), d.code());
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
