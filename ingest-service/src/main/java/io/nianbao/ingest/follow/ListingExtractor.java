package io.nianbao.ingest.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Finds the report links on a listing, with no transport: an HTML column page of a disclosure portal
 * (report titles, CMS article paths, attachments linked directly, pagination as {@code index_1.shtml},
 * {@code 下一页} or the TRS {@code createPageHTML(…)} script), an RSS or Atom feed, or the JSON a
 * JavaScript-built list is loaded from (any array of objects with a title and a URL field).
 *
 * <p>A link is a report when its title says 年度报告 or 年报 and a year is in the title or in a CMS
 * article path; when the source gives a link pattern, a link is a report when its absolute URL contains
 * a match instead (titles then do not matter).
 */
public final class ListingExtractor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INDEX_PAGE = Pattern.compile("(?:^|/)index_(\\d+)\\.(s?html?)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_PAGE = Pattern.compile("createPageHTML\\(\\s*['\"]?(\\d+)['\"]?\\s*,\\s*['\"]?(\\d+)['\"]?\\s*,\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern NEXT = Pattern.compile("^(下一页|下页|后一页|>|>>|»|next)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTACHMENT = Pattern.compile("\\.(pdf|docx?|wps)(?:$|[?#])", Pattern.CASE_INSENSITIVE);
    private static final List<String> TITLE_FIELDS = List.of("title", "doctitle", "name", "subject", "text", "bt", "wzbt");
    private static final List<String> URL_FIELDS = List.of("url", "link", "href", "docpuburl", "puburl", "path", "uri", "detailurl", "fileurl");
    private static final List<String> DATE_FIELDS = List.of("pubdate", "publishdate", "publishtime", "docreltime", "date", "time", "releasedate", "fbrq", "createtime", "pubtime");

    private final Pattern linkPattern;
    private final int maxPages;

    /** @param linkPattern the source's pattern (null: the title rules), @param maxPages the most listing pages to follow */
    public ListingExtractor(String linkPattern, int maxPages) {
        this.linkPattern = linkPattern == null || linkPattern.isBlank() ? null : Pattern.compile(linkPattern);
        this.maxPages = maxPages;
    }

    /** The listing in {@code body}, fetched from {@code url} with this media type (null when unknown). */
    public Listing extract(String body, String url, String mediaType) {
        String head = body.stripLeading();
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (type.contains("json") || head.startsWith("{") || head.startsWith("[")) {
            try {
                return json(JSON.readTree(head), url);
            } catch (java.io.IOException e) {
                // not JSON after all: read it as a page
            }
        }
        if (type.contains("rss") || type.contains("atom") || head.startsWith("<?xml") && (head.contains("<rss") || head.contains("<feed"))
                || head.startsWith("<rss") || head.startsWith("<feed")) {
            return feed(body, url);
        }
        return html(Jsoup.parse(body, url), url);
    }

    private Listing html(Document doc, String url) {
        Map<String, Listing.Link> reports = new LinkedHashMap<>();
        Set<String> pages = new LinkedHashSet<>();
        for (Element a : doc.select("a[href]")) {
            String href = a.absUrl("href");
            if (href.isEmpty() || !href.startsWith("http")) continue;
            href = withoutFragment(href);
            String title = a.hasAttr("title") && a.attr("title").length() > a.text().length() ? a.attr("title") : a.text();
            if (isReport(href, title)) {
                reports.putIfAbsent(href, new Listing.Link(href, title.strip(), dateNear(a, href), ATTACHMENT.matcher(href).find()));
            } else if (isPage(href, a.text().strip(), url)) {
                pages.add(href);
            }
        }
        Matcher m = CREATE_PAGE.matcher(doc.html());
        if (m.find()) {
            int count = Integer.parseInt(m.group(1));
            String name = m.group(3);
            String ext = m.group(4);
            for (int i = 1; i < count; i++) pages.add(URI.create(url).resolve(name + "_" + i + "." + ext).toString());
        }
        pages.remove(url);
        return new Listing(new ArrayList<>(reports.values()), pages.stream().limit(maxPages).toList());
    }

    private boolean isReport(String href, String title) {
        if (linkPattern != null) return linkPattern.matcher(href).find();
        if (ReportTitles.namesAReport(title)) return true;
        return ReportTitles.saysReport(title) && (ReportTitles.cmsArticle(href) || ReportTitles.dateInUrl(href) != null);
    }

    private static boolean isPage(String href, String text, String listing) {
        if (!sameDirectory(href, listing)) return false;
        return INDEX_PAGE.matcher(URI.create(href).getPath()).find() || NEXT.matcher(text).matches();
    }

    private static boolean sameDirectory(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        if (x.getHost() == null || !x.getHost().equalsIgnoreCase(y.getHost())) return false;
        return directory(x.getPath()).equals(directory(y.getPath()));
    }

    private static String directory(String path) {
        if (path == null || path.isEmpty()) return "/";
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "/" : path.substring(0, slash + 1);
    }

    /** The listing's date beside a link (its list item's text, else the URL's CMS date). */
    private static LocalDate dateNear(Element a, String href) {
        Element row = a.parent();
        for (int i = 0; i < 3 && row != null; i++, row = row.parent()) {
            if (row.select("a[href]").size() > 1) break;
            String text = row.ownText() + " " + row.select("span, em, i, td, time, font").text();
            LocalDate d = ReportTitles.dateIn(text.replace(a.text(), ""));
            if (d != null) return d;
        }
        return ReportTitles.dateInUrl(href);
    }

    private Listing feed(String body, String url) {
        Document doc = Jsoup.parse(body, url, Parser.xmlParser());
        Map<String, Listing.Link> reports = new LinkedHashMap<>();
        for (Element item : doc.select("item, entry")) {
            String title = item.select("> title").text();
            Element link = item.selectFirst("> link");
            if (link == null) continue;
            String href = link.hasAttr("href") ? link.attr("href") : link.text();
            href = resolve(url, href.strip());
            if (href == null) continue;
            String date = item.select("> pubDate, > updated, > published, > dc|date").text();
            LocalDate on = ReportTitles.dateIn(date);
            if (on == null) on = rfc1123(date);
            if (on == null) on = ReportTitles.dateInUrl(href);
            if (isReport(href, title)) reports.putIfAbsent(href, new Listing.Link(href, title, on, ATTACHMENT.matcher(href).find()));
        }
        return new Listing(new ArrayList<>(reports.values()), List.of());
    }

    private static LocalDate rfc1123(String date) {
        try {
            return java.time.ZonedDateTime.parse(date.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Listing json(JsonNode root, String url) {
        Map<String, Listing.Link> reports = new LinkedHashMap<>();
        walk(root, url, reports, 0);
        return new Listing(new ArrayList<>(reports.values()), List.of());
    }

    private void walk(JsonNode node, String base, Map<String, Listing.Link> reports, int depth) {
        if (depth > 8 || node == null) return;
        if (node.isArray()) {
            for (JsonNode child : node) walk(child, base, reports, depth + 1);
            return;
        }
        if (!node.isObject()) return;
        String title = field(node, TITLE_FIELDS);
        String href = field(node, URL_FIELDS);
        if (title != null && href != null) {
            String abs = resolve(base, href);
            if (abs != null && isReport(abs, title)) {
                String date = field(node, DATE_FIELDS);
                LocalDate on = date == null ? null : ReportTitles.dateIn(date);
                if (on == null) on = ReportTitles.dateInUrl(abs);
                reports.putIfAbsent(abs, new Listing.Link(abs, title, on, ATTACHMENT.matcher(abs).find()));
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child.isContainerNode()) walk(child, base, reports, depth + 1);
        }
    }

    private static String field(JsonNode node, List<String> names) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (names.contains(e.getKey().toLowerCase(Locale.ROOT)) && e.getValue().isValueNode() && !e.getValue().asText().isBlank()) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    static String resolve(String base, String href) {
        try {
            String abs = URI.create(base).resolve(href.strip().replace(" ", "%20")).toString();
            return abs.startsWith("http") ? withoutFragment(abs) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** The attachments a report page links (PDF, DOC, DOCX, WPS), absolute, each once. */
    public static List<String> attachments(String html, String pageUrl) {
        Document doc = Jsoup.parse(html, pageUrl);
        Set<String> found = new LinkedHashSet<>();
        for (Element a : doc.select("a[href], iframe[src], embed[src], object[data]")) {
            String abs = a.hasAttr("href") ? a.absUrl("href") : a.hasAttr("src") ? a.absUrl("src") : a.absUrl("data");
            if (abs.startsWith("http") && ATTACHMENT.matcher(abs).find()) found.add(withoutFragment(abs));
        }
        return new ArrayList<>(found);
    }

    /** A report page's own date: its PubDate-style meta tag, else a 发布时间/发布日期 line, else null. */
    public static LocalDate pageDate(String html) {
        Document doc = Jsoup.parse(html);
        for (String name : List.of("PubDate", "pubdate", "publishdate", "firstpublishedtime", "ArticlePublishDate", "article:published_time", "others")) {
            Element meta = doc.selectFirst("meta[name=" + name + "], meta[property=" + name + "]");
            if (meta != null) {
                LocalDate d = ReportTitles.dateIn(meta.attr("content"));
                if (d != null) return d;
            }
        }
        Matcher m = Pattern.compile("(?:发布时间|发布日期|发文日期|成文日期|时间)[:：\\s]*([0-9０-９年月日./\\-\\s]{8,20})").matcher(doc.text());
        return m.find() ? ReportTitles.dateIn(m.group(1)) : null;
    }
}
