package io.nianbao.cli;

import io.nianbao.core.model.Cell;
import io.nianbao.core.model.Table;
import io.nianbao.core.synth.ReportGenerator;
import io.nianbao.core.synth.ReportRenderer;
import io.nianbao.core.synth.SyntheticReport;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What {@code nianbao chaos} sends: N posts of generated reports, each with an issuer of its own (a tag per
 * run, so runs never mix), each at a source URL of its own. Among them corrections (the same source URL,
 * new bytes: an error fixed, an error introduced, the year moved, or the place moved) and cross-year pairs
 * (the same issuer in years Y and Y+1, half of them with carriedOver ≠ last year's carriedForward).
 * Deterministic: the same tag, size and seed give the same bytes.
 */
final class ChaosPlan {

    /** What a post is. */
    enum Kind {
        /** a report on its own */
        SINGLE,
        /** a report a correction will replace */
        ORIGINAL,
        /** the replacement of an ORIGINAL: same source URL, new bytes */
        CORRECTION,
        /** year Y of a cross-year pair */
        PAIR_FIRST,
        /** year Y+1 of a cross-year pair, same issuer */
        PAIR_SECOND
    }

    /** How a correction differs from its original. */
    enum Change { FIXES_ERROR, ADDS_ERROR, MOVES_YEAR, MOVES_PLACE }

    /**
     * One post.
     *
     * @param index its place in the plan (corrections come after their original)
     * @param original for a CORRECTION, the index of the post it replaces; else -1
     * @param change for a CORRECTION, how it differs; else null
     */
    record Post(int index, Kind kind, String sourceUrl, String fileName, byte[] body, int original, Change change, String issuer, int reportYear) {
    }

    /** Text layouts every reader takes exactly. */
    private static final List<ReportRenderer.Layout> LAYOUTS = List.of(ReportRenderer.Layout.TAB_PREFIXED_CELLS,
            ReportRenderer.Layout.PIPE_TERMINATED_CELLS, ReportRenderer.Layout.INDENTED_CELLS, ReportRenderer.Layout.PIPE_ROWS,
            ReportRenderer.Layout.TAB_ROWS);

    final int tag;
    final List<Post> posts;

    private ChaosPlan(int tag, List<Post> posts) {
        this.tag = tag;
        this.posts = posts;
    }

    int count(Kind kind) {
        return (int) posts.stream().filter(p -> p.kind() == kind).count();
    }

    /**
     * N posts: about one in eight an original with its correction (two posts), one in ten a cross-year pair
     * (two posts), the rest single reports; a quarter of the singles with an error.
     */
    static ChaosPlan of(int n, int tag, long seed) {
        return of(n, tag, seed, true);
    }

    /** @param moves whether corrections may move a report's year or place (else they only fix or add an error) */
    static ChaosPlan of(int n, int tag, long seed, boolean moves) {
        Random random = new Random(seed ^ (31L * tag));
        ReportGenerator generator = new ReportGenerator(seed * 7919 + tag, 0);
        List<Post> posts = new ArrayList<>(n);
        int number = 0; // issuer numbers within the run
        while (posts.size() < n) {
            int left = n - posts.size();
            double dice = random.nextDouble();
            if (left >= 2 && dice < 0.125) {
                int issuer = number++;
                Change change = Change.values()[random.nextInt(moves ? Change.values().length : 2)];
                SyntheticReport clean = own(generator.consistent(), tag, issuer);
                SyntheticReport original;
                SyntheticReport correction;
                switch (change) {
                    case FIXES_ERROR -> {
                        original = withError(clean, random);
                        correction = clean;
                    }
                    case ADDS_ERROR -> {
                        original = clean;
                        correction = withError(clean, random);
                    }
                    case MOVES_YEAR -> {
                        original = random.nextBoolean() ? withError(clean, random) : clean;
                        correction = movedYear(original, random);
                    }
                    default -> {
                        original = random.nextBoolean() ? withError(clean, random) : clean;
                        correction = movedPlace(original, own(generator.next(), tag, issuer), tag, issuer);
                    }
                }
                String url = url(tag, issuer);
                int at = posts.size();
                posts.add(post(at, Kind.ORIGINAL, url, original, -1, null, random));
                posts.add(post(at + 1, Kind.CORRECTION, url, correction, at, change, random));
            } else if (left >= 2 && dice < 0.225) {
                int issuer = number++;
                SyntheticReport first = own(generator.consistent(), tag, issuer);
                first = withYear(first, firstYear(first.template(), random));
                SyntheticReport second = own(generator.consistent(), tag, issuer);
                while (second.template() != first.template()) second = own(generator.consistent(), tag, issuer);
                second = new SyntheticReport(first.issuer(), first.province(), first.county(), first.reportYear() + 1, second.template(),
                        second.activeDisclosure(), random.nextBoolean() ? carriedFrom(first, second) : second.applications(), second.reviewLitigation());
                int at = posts.size();
                posts.add(post(at, Kind.PAIR_FIRST, url(tag, number++), first, -1, null, random));
                posts.add(post(at + 1, Kind.PAIR_SECOND, url(tag, number++), second, -1, null, random));
            } else {
                int issuer = number++;
                SyntheticReport r = own(generator.consistent(), tag, issuer);
                if (random.nextInt(4) == 0) r = withError(r, random);
                posts.add(post(posts.size(), Kind.SINGLE, url(tag, issuer), r, -1, null, random));
            }
        }
        return new ChaosPlan(tag, List.copyOf(posts));
    }

    private static Post post(int index, Kind kind, String url, SyntheticReport r, int original, Change change, Random random) {
        String text = new ReportRenderer(random.nextLong(), 2).render(r, LAYOUTS.get(random.nextInt(LAYOUTS.size())), random.nextInt(4) == 0);
        return new Post(index, kind, url, "chaos-" + index + ".txt", text.getBytes(StandardCharsets.UTF_8), original, change, r.issuer(), r.reportYear());
    }

    /** A source URL of the run's own, on a host that names no place (the host is read as a division's pinyin when the text has none). */
    static String url(int tag, int number) {
        return "https://chaos-" + tag + ".nianbao.test/reports/" + number + ".html";
    }

    /** The report with an issuer of the run's own: its county, the tag and the number in Heavenly Stems. */
    private static SyntheticReport own(SyntheticReport r, int tag, int number) {
        return new SyntheticReport(PipelineBenchCommand.issuer(r.county(), tag, number), r.province(), r.county(), r.reportYear(), r.template(),
                r.activeDisclosure(), r.applications(), r.reviewLitigation());
    }

    private static SyntheticReport withYear(SyntheticReport r, int year) {
        return new SyntheticReport(r.issuer(), r.province(), r.county(), year, r.template(), r.activeDisclosure(), r.applications(), r.reviewLitigation());
    }

    /** A year whose next year is still a year of the same template (2019 → 2020; 2021–2023 → +1). */
    private static int firstYear(Template template, Random random) {
        return template == Template.T2019 ? 2019 : 2021 + random.nextInt(3);
    }

    /** Another year of the report's template. */
    private static SyntheticReport movedYear(SyntheticReport r, Random random) {
        int year;
        if (r.template() == Template.T2019) year = r.reportYear() == 2019 ? 2020 : 2019;
        else do year = 2021 + random.nextInt(4); while (year == r.reportYear());
        return withYear(r, year);
    }

    /** The same tables under another place (and the issuer named after it), when the generator gave another place. */
    private static SyntheticReport movedPlace(SyntheticReport r, SyntheticReport elsewhere, int tag, int number) {
        String county = elsewhere.county();
        String province = elsewhere.province();
        if (county.equals(r.county())) { // the same place drawn: move to a fixed other one
            county = r.county().equals("分宜县") ? "同心县" : "分宜县";
            province = county.equals("分宜县") ? "江西省" : "宁夏回族自治区";
        }
        return new SyntheticReport(PipelineBenchCommand.issuer(county, tag, number), province, county, r.reportYear(), r.template(),
                r.activeDisclosure(), r.applications(), r.reviewLitigation());
    }

    /**
     * The report with one table figure raised, so the tables no longer add up (section 三's granted, in
     * one applicant column; or a section 四 part): the validator finds it where it was put.
     */
    static SyntheticReport withError(SyntheticReport r, Random random) {
        double delta = 1 + random.nextInt(5);
        if (random.nextBoolean()) {
            Table applications = copy(r.applications());
            ApplicantColumn column = ApplicantColumn.APPLICANTS.get(random.nextInt(ApplicantColumn.APPLICANTS.size()));
            Double v = applications.value(ApplicationRow.GRANTED.path(), column.id());
            applications.put(ApplicationRow.GRANTED.path(), column.id(), new Cell(null, (v == null ? 0 : v) + delta));
            return new SyntheticReport(r.issuer(), r.province(), r.county(), r.reportYear(), r.template(), r.activeDisclosure(), applications, r.reviewLitigation());
        }
        Table review = copy(r.reviewLitigation());
        String block = review.rows().keySet().stream().skip(random.nextInt(review.rows().size())).findFirst().orElseThrow();
        String part = review.rows().get(block).keySet().iterator().next();
        Double v = review.value(block, part);
        review.put(block, part, new Cell(null, (v == null ? 0 : v) + delta));
        return new SyntheticReport(r.issuer(), r.province(), r.county(), r.reportYear(), r.template(), r.activeDisclosure(), r.applications(), review);
    }

    /**
     * The second year's section 三 with carriedOver = the first year's carriedForward in every applicant
     * column where the balance allows it (newReceived = results + carriedForward − carriedOver stays ≥ 0),
     * the 总计 column summed again: no CROSS_YEAR_CARRY where it could be made to agree.
     */
    static Table carriedFrom(SyntheticReport first, SyntheticReport second) {
        Table t = copy(second.applications());
        String over = ApplicationRow.CARRIED_OVER.path();
        String fresh = ApplicationRow.NEW_RECEIVED.path();
        for (ApplicantColumn c : ApplicantColumn.APPLICANTS) {
            Double carried = first.applications().value(ApplicationRow.CARRIED_FORWARD.path(), c.id());
            Double results = t.value(ApplicationRow.RESULTS_TOTAL.path(), c.id());
            Double forward = t.value(ApplicationRow.CARRIED_FORWARD.path(), c.id());
            if (carried == null || results == null || forward == null || results + forward - carried < 0) continue;
            t.put(over, c.id(), new Cell(null, carried));
            t.put(fresh, c.id(), new Cell(null, results + forward - carried));
        }
        for (String row : List.of(over, fresh)) {
            double total = 0;
            for (ApplicantColumn c : ApplicantColumn.APPLICANTS) {
                Double v = t.value(row, c.id());
                total += v == null ? 0 : v;
            }
            t.put(row, ApplicantColumn.TOTAL.id(), new Cell(null, total));
        }
        return t;
    }

    private static Table copy(Table table) {
        Table out = new Table();
        table.rows().forEach((row, cells) -> cells.forEach((column, cell) -> out.put(row, column, cell)));
        return out;
    }
}
