package io.nianbao.ingest.follow;

import java.time.LocalDate;
import java.util.List;

/**
 * What a listing page shows: the report links (absolute URLs, each once, in page order) and the
 * listing's other pages (pagination).
 */
public record Listing(List<Link> reports, List<String> pages) {

    public Listing {
        reports = List.copyOf(reports);
        pages = List.copyOf(pages);
    }

    /**
     * @param title the link's text (or its title attribute)
     * @param publishedOn the date the listing prints beside it, or its URL's CMS date; null when neither
     * @param attachment whether the link is a PDF or Word file itself, not a page
     */
    public record Link(String url, String title, LocalDate publishedOn, boolean attachment) {
        public Integer year() {
            Integer y = ReportTitles.year(title);
            return y != null ? y : null;
        }
    }
}
