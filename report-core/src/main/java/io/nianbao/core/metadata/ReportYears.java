package io.nianbao.core.metadata;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report year where the text states it outside a title: the statistics period (also with the digits
 * publishers drop, 自20211月1日起至202112月31日止, 自202411日起至20241231日止), and the body's opening
 * (一、总体情况 / 2021年，我局…, 2023年度总体情况, a page opening with 2021年，县乡村振兴局…, 现将2021年度工作情况报告如下). Each search is gated by a
 * plain indexOf so that no regex runs over a whole report.
 */
final class ReportYears {

    /** 2021年1月1日(起)至(2021年)12月31日, with 年/月 and the leading zeros optional. */
    private static final Pattern PERIOD = Pattern.compile(
            "((?:19|20)\\d{2})\\s*年?\\s*0?1\\s*月?\\s*0?1\\s*日\\s*(?:起)?\\s*[,，]?\\s*(?:至|到|-|—|–|~|～)\\s*(?:((?:19|20)\\d{2})\\s*年?\\s*)?12\\s*月?\\s*31\\s*日");
    /** The first words of 总体情况: 2021年，… / 2021年度，… / (一)主动公开情况2024年，… */
    private static final Pattern OPENING = Pattern.compile(
            "^[\\s:：。.、]*(?:[(（][一1][)）][\\u3400-\\u9FFF\\uF900-\\uFAFF]{0,12}[。.]?\\s*)?((?:19|20)\\d{2})\\s*年度?\\s*(?:[,，]|我[\\u3400-\\u9FFF\\uF900-\\uFAFF])");
    private static final Pattern YEAR_HEADING = Pattern.compile("((?:19|20)\\d{2})\\s*年度?\\s*(?:[一二三四五六七八九十]、)?$");
    private static final Pattern WORK_REPORTED = Pattern.compile(
            "现将(?:我[\\u3400-\\u9FFF\\uF900-\\uFAFF])?\\s*((?:19|20)\\d{2})\\s*年度?(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:开展)?(?:的)?(?:有关)?情况报告如下");

    private ReportYears() {
    }

    /** A year found, and the words that gave it (for warnings). */
    record Found(int year, String source) {
    }

    /** The statistics period's year, or null; {@code conflicts} gets a note when two periods name different years. */
    static Found period(String text, List<String> conflicts) {
        Found first = null;
        Matcher m = PERIOD.matcher(text);
        int limit = Math.min(text.length(), 20_000);
        for (int at = text.indexOf("31", 0); at >= 0 && at < limit; at = text.indexOf("31", at + 2)) {
            int end = Math.min(text.length(), at + 6);
            int from = Math.max(0, at - 48);
            m.region(from, end);
            if (!m.find()) continue;
            int year = Integer.parseInt(m.group(1));
            if (m.group(2) != null && Integer.parseInt(m.group(2)) != year) continue; // a span of years is no report year
            if (first == null) first = new Found(year, "statistics period \"" + m.group().strip() + "\"");
            else if (first.year() != year) conflicts.add(first.source() + " and \"" + m.group().strip() + "\"");
            at = Math.max(at, m.end() - 2);
        }
        return first;
    }

    /** The year the body's opening states, or null. */
    static Found body(String head) {
        for (int at = head.indexOf("总体情况"); at >= 0; at = head.indexOf("总体情况", at + 4)) {
            // 2023年度总体情况
            Matcher heading = YEAR_HEADING.matcher(head);
            heading.region(Math.max(0, at - 12), at);
            if (heading.find()) return new Found(Integer.parseInt(heading.group(1)), "heading \"" + heading.group(1) + "年度总体情况\"");
            Matcher opening = OPENING.matcher(head);
            opening.region(at + 4, Math.min(head.length(), at + 40));
            if (opening.find()) return new Found(Integer.parseInt(opening.group(1)), "opening of 总体情况 \"" + opening.group().strip() + "\"");
        }
        // a page that opens with the body: 2021年，县乡村振兴局…
        int lines = 0;
        for (int from = 0; from < head.length() && lines < 5; ) {
            int end = head.indexOf('\n', from);
            if (end < 0) end = head.length();
            if (!head.substring(from, end).isBlank()) {
                lines++;
                Matcher opening = OPENING.matcher(head);
                opening.region(from, Math.min(end, from + 40));
                if (opening.find()) return new Found(Integer.parseInt(opening.group(1)), "opening of the text \"" + opening.group().strip() + "\"");
            }
            from = end + 1;
        }
        for (int at = head.indexOf("报告如下"); at >= 0; at = head.indexOf("报告如下", at + 4)) {
            Matcher m = WORK_REPORTED.matcher(head);
            m.region(Math.max(0, at - 40), at + 4);
            if (m.find()) return new Found(Integer.parseInt(m.group(1)), "\"" + m.group() + "\"");
        }
        return null;
    }
}
