package io.nianbao.ingest.follow;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a link's title and URL say about a report, with no transport: whether it names an annual report
 * (年度报告 / 年报 and a year), the report year, the publisher named before the year, and a date printed
 * in the URL by the usual government CMS ({@code 202201/t20220124_1239406.shtml}) or near the link.
 */
public final class ReportTitles {

    private static final Pattern REPORT = Pattern.compile("年度报告|年报|年度工作报告");
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern BARE_YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})(?!\\d)");
    /** TRS/WCM-style article paths: a yyyyMM folder and t yyyyMMdd_id. */
    private static final Pattern CMS_PATH = Pattern.compile("/(\\d{6})/t(\\d{8})_\\d+\\.s?html?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CMS_ANY = Pattern.compile("(?<!\\d)(20\\d{2})[-/]?(\\d{2})[-/]?(\\d{2})(?!\\d)|/(20\\d{2})(\\d{2})(\\d{2})/");
    private static final Pattern DATE = Pattern.compile("((?:19|20)\\d{2})\\s*[-./年]\\s*(\\d{1,2})\\s*[-./月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern PUBLISHER_END = Pattern.compile("(?:关于)?(?:\\d{4}年度?)?(?:政府)?(?:信息公开|政务公开)|(?:\\d{4}年度?)?(?:工作)?年度报告|年报");

    private ReportTitles() {
    }

    /** Whether a title names an annual report: 年度报告 or 年报 and a year. */
    public static boolean namesAReport(String title) {
        if (title == null) return false;
        String t = compact(title);
        return REPORT.matcher(t).find() && (YEAR.matcher(t).find() || BARE_YEAR.matcher(t).find());
    }

    /** Whether a title says 年度报告 or 年报 (a year may be only in the URL). */
    public static boolean saysReport(String title) {
        return title != null && REPORT.matcher(compact(title)).find();
    }

    /** The report year the title names (the first year before 年), or null. */
    public static Integer year(String title) {
        if (title == null) return null;
        String t = compact(title);
        Matcher m = YEAR.matcher(t);
        if (m.find()) return Integer.parseInt(m.group(1));
        m = BARE_YEAR.matcher(t);
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    /**
     * The publisher a title names: the words around the year before 政府信息公开… / 年度报告
     * ({@code 南昌县人民政府2022年政府信息公开工作年度报告} → 南昌县人民政府,
     * {@code 2022年南昌县政府信息公开工作年度报告} → 南昌县); null when none is left.
     */
    public static String publisher(String title) {
        if (title == null) return null;
        String t = compact(title).replaceAll("^[【\\[（(].*?[】\\]）)]", "");
        t = t.replaceFirst("^(?:19|20)\\d{2}年度?", "");
        Matcher end = PUBLISHER_END.matcher(t);
        String p = end.find() ? t.substring(0, end.start()) : t;
        p = p.replaceAll("(?:19|20)\\d{2}年度?$", "").replaceAll("[\\s:：,，、\\-—_]+$", "").replaceAll("^[\\s:：,，、\\-—_]+", "");
        if (p.endsWith("关于")) p = p.substring(0, p.length() - 2);
        return p.length() < 2 ? null : p;
    }

    /** The date a CMS prints in an article's URL ({@code t20220124_…}, a {@code /20220124/} folder), or null. */
    public static LocalDate dateInUrl(String url) {
        if (url == null) return null;
        Matcher m = CMS_PATH.matcher(url);
        if (m.find()) return date(m.group(2).substring(0, 4), m.group(2).substring(4, 6), m.group(2).substring(6, 8));
        m = CMS_ANY.matcher(url);
        while (m.find()) {
            LocalDate d = m.group(1) != null ? date(m.group(1), m.group(2), m.group(3)) : date(m.group(4), m.group(5), m.group(6));
            if (d != null) return d;
        }
        return null;
    }

    /** Whether a URL has the dated article path of the usual CMS. */
    public static boolean cmsArticle(String url) {
        return url != null && CMS_PATH.matcher(url).find();
    }

    /** The first date printed in a text ({@code 2022-01-24}, {@code 2022年1月24日}, {@code 2022.01.24}), or null. */
    public static LocalDate dateIn(String text) {
        if (text == null) return null;
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            LocalDate d = date(m.group(1), m.group(2), m.group(3));
            if (d != null) return d;
        }
        return null;
    }

    private static LocalDate date(String y, String m, String d) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    static String compact(String s) {
        return s.replace('\u3000', ' ').replaceAll("\\s+", "").strip();
    }
}
