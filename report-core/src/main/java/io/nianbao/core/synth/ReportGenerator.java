package io.nianbao.core.synth;

import io.nianbao.core.metadata.Gazetteer;
import io.nianbao.core.model.Cell;
import io.nianbao.core.model.Table;
import io.nianbao.core.template.ApplicantColumn;
import io.nianbao.core.template.ApplicationRow;
import io.nianbao.core.template.DisclosureColumn;
import io.nianbao.core.template.DisclosureRow;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.template.Template;
import io.nianbao.core.template.ValueKind;
import java.util.List;
import java.util.Random;

/**
 * Makes up annual reports with random table values — blanks and inconsistent totals included — for the
 * round-trip property test, the benchmarks and load tests. The same seed gives the same report.
 */
public final class ReportGenerator {

    private static final List<String[]> PLACES = List.of(
            new String[] {"江西省", "分宜县"}, new String[] {"宁夏回族自治区", "同心县"}, new String[] {"青海省", "刚察县"},
            new String[] {"江西省", "安源区"}, new String[] {"湖北省", "仙桃市"}, new String[] {"广东省", "深圳市南山区"},
            new String[] {"四川省", "郫都区"}, new String[] {"云南省", "勐海县"}, new String[] {"浙江省", "安吉县"});
    private static final List<String> ORGANS = List.of("人民政府办公室", "人民政府", "财政局", "教育局", "自然资源局");

    private final Random random;
    private final double missingRate;

    /** @param missingRate the share of cells left blank (missing) */
    public ReportGenerator(long seed, double missingRate) {
        this.random = new Random(seed);
        this.missingRate = missingRate;
    }

    public SyntheticReport next() {
        Template template = random.nextBoolean() ? Template.T2019 : Template.T2021;
        int year = template == Template.T2019 ? 2019 + random.nextInt(2) : 2021 + random.nextInt(4);
        String[] place = PLACES.get(random.nextInt(PLACES.size()));
        String issuer = place[1] + ORGANS.get(random.nextInt(ORGANS.size()));
        return new SyntheticReport(issuer, place[0], place[1], year, template,
                disclosure(template), applications(template), review());
    }

    /**
     * A report whose tables obey every arithmetic relation, with no missing cell: it must validate with no
     * finding at all, and an error injected into it must be found exactly where it was put.
     */
    public SyntheticReport consistent() {
        SyntheticReport r = next();
        Table applications = new Table();
        List<ApplicationRow> rows = ApplicationRow.rowsOf(r.template()).stream()
                .filter(row -> !(r.template() == Template.T2021 && row == ApplicationRow.OTHER_DISPOSAL)).toList();
        for (ApplicantColumn column : ApplicantColumn.APPLICANTS) {
            double results = 0;
            for (ApplicationRow row : rows) {
                if (row.kind() == ApplicationRow.Kind.RESULT || row.kind() == ApplicationRow.Kind.OTHER_SUB_ROW) {
                    double v = small();
                    applications.put(row.path(), column.id(), new Cell(null, v));
                    results += v;
                }
            }
            double carriedForward = small();
            double carriedOver = random.nextInt((int) (results + carriedForward) + 1);
            applications.put(ApplicationRow.RESULTS_TOTAL.path(), column.id(), new Cell(null, results));
            applications.put(ApplicationRow.CARRIED_FORWARD.path(), column.id(), new Cell(null, carriedForward));
            applications.put(ApplicationRow.CARRIED_OVER.path(), column.id(), new Cell(null, carriedOver));
            applications.put(ApplicationRow.NEW_RECEIVED.path(), column.id(), new Cell(null, results + carriedForward - carriedOver));
        }
        for (ApplicationRow row : rows) {
            double total = 0;
            for (ApplicantColumn column : ApplicantColumn.APPLICANTS) total += applications.value(row.path(), column.id());
            applications.put(row.path(), ApplicantColumn.TOTAL.id(), new Cell(null, total));
        }
        Table ordered = new Table(); // rows in template order, as the renderer expects
        for (ApplicationRow row : rows) {
            for (ApplicantColumn column : ApplicantColumn.ALL) ordered.put(row.path(), column.id(), applications.get(row.path(), column.id()));
        }
        Table review = new Table();
        for (ReviewBlock block : ReviewBlock.ALL) {
            double total = 0;
            for (ReviewBlock.Column part : ReviewBlock.Column.PARTS) {
                double v = small();
                review.put(block.id(), part.id(), new Cell(null, v));
                total += v;
            }
            review.put(block.id(), ReviewBlock.Column.TOTAL.id(), new Cell(null, total));
        }
        Table disclosure = new Table();
        r.activeDisclosure().rows().forEach((row, cells) -> cells.forEach((column, cell) ->
                disclosure.put(row, column, cell.value() == null ? new Cell(null, (double) random.nextInt(50)) : cell)));
        return new SyntheticReport(r.issuer(), r.province(), r.county(), r.reportYear(), r.template(), disclosure, ordered, review);
    }

    /**
     * A consistent report with some of its zero counts (sections 三 and 四) left blank, as many
     * publishers print them: every row still adds up when a blank is read as nothing.
     */
    public SyntheticReport consistentWithBlankZeros(double rate) {
        SyntheticReport r = consistent();
        return new SyntheticReport(r.issuer(), r.province(), r.county(), r.reportYear(), r.template(), r.activeDisclosure(),
                blankZeros(r.applications(), rate), blankZeros(r.reviewLitigation(), rate));
    }

    private Table blankZeros(Table table, double rate) {
        Table out = new Table();
        table.rows().forEach((row, cells) -> cells.forEach((column, cell) ->
                out.put(row, column, cell.value() != null && cell.value() == 0 && random.nextDouble() < rate ? Cell.missing(null) : cell)));
        return out;
    }

    private double small() {
        return random.nextInt(10) < 5 ? 0 : random.nextInt(30);
    }

    private Table disclosure(Template template) {
        Table t = new Table();
        for (DisclosureRow row : DisclosureRow.rowsOf(template)) {
            for (DisclosureColumn column : row.columns(template)) t.put(row.id(), column.id(), cell(column.kind()));
        }
        return t;
    }

    private Table applications(Template template) {
        Table t = new Table();
        for (ApplicationRow row : ApplicationRow.rowsOf(template)) {
            if (template == Template.T2021 && row == ApplicationRow.OTHER_DISPOSAL) continue; // a heading above its sub-rows
            for (ApplicantColumn column : ApplicantColumn.ALL) t.put(row.path(), column.id(), cell(ValueKind.COUNT));
        }
        return t;
    }

    private Table review() {
        Table t = new Table();
        for (ReviewBlock block : ReviewBlock.ALL) {
            for (ReviewBlock.Column column : ReviewBlock.Column.ALL) t.put(block.id(), column.id(), cell(ValueKind.COUNT));
        }
        return t;
    }

    /** Small counts most of the time (real tables are mostly 0), now and then a large one. */
    private Cell cell(ValueKind kind) {
        if (random.nextDouble() < missingRate) return Cell.missing(null);
        double v = switch (kind) {
            case COUNT -> random.nextInt(10) < 6 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 5000 : 40);
            case SIGNED_CHANGE -> random.nextInt(200) - 100;
            case AMOUNT_WAN -> random.nextInt(2_000_000) / 100.0;
        };
        return new Cell(null, v);
    }

    /** The gazetteer knows every place the generator uses (checked by the tests). */
    public static boolean placesAreKnown() {
        for (String[] p : PLACES) if (Gazetteer.get().find(p[1]).isEmpty()) return false;
        return true;
    }
}
