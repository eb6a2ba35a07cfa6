package io.nianbao.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nianbao.core.normalise.ChineseScript;
import io.nianbao.core.ReportParser;
import io.nianbao.core.model.ParsedReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Metadata on the real reports of ../shared/corpus/real (the page beginnings in heads/ and the 平潭
 * department reports in pingtan-dept/), scored field by field against the hand-read manifests: RIGHT,
 * MISSING (the parser gives null) or WRONG (any other value, or a value where the manifest has none).
 * There must be no WRONG value at all.
 */
class RealMetadataTest {

    enum Verdict { RIGHT, MISSING, WRONG }

    static final List<String> FIELDS = List.of("issuer", "region", "province", "report_year");
    private static final Pattern PARENS = Pattern.compile("（[^（）]*）");
    private static final Pattern REGION = Pattern.compile("^(.+?)(?:（(.+)）)?$");
    private static final ReportParser PARSER = new ReportParser();
    private static final Gazetteer GAZETTEER = Gazetteer.get();

    @Test
    void noWrongMetadataOnRealReports() throws IOException {
        Path real = corpus().resolve("real");
        Map<String, Map<String, EnumMap<Verdict, Integer>>> tables = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int files = 0;
        for (String[] set : new String[][] {{"heads", "heads"}, {"pingtan-dept", "reports"}}) {
            Path dir = real.resolve(set[0]);
            JsonNode entries = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get(set[1]);
            assertThat(entries).as(set[0] + "/manifest.json " + set[1]).isNotNull();
            Map<String, EnumMap<Verdict, Integer>> table = new LinkedHashMap<>();
            for (String f : FIELDS) table.put(f, new EnumMap<>(Map.of(Verdict.RIGHT, 0, Verdict.MISSING, 0, Verdict.WRONG, 0)));
            tables.put(set[0], table);
            for (JsonNode e : entries) {
                String file = e.get("file").asText();
                String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
                ParsedReport r = PARSER.parse(file, text, ReportHints.NONE);
                files++;
                Map<String, Verdict> verdicts = new LinkedHashMap<>();
                verdicts.put("issuer", issuer(str(e, "issuer"), r.issuer()));
                verdicts.put("region", region(str(e, "region"), r.region()));
                verdicts.put("province", exact(str(e, "province"), r.province()));
                verdicts.put("report_year", exact(str(e, "report_year"), r.reportYear() == null ? null : r.reportYear().toString()));
                Map<String, String> actual = Map.of("issuer", String.valueOf(r.issuer()), "region", String.valueOf(r.region()),
                        "province", String.valueOf(r.province()), "report_year", String.valueOf(r.reportYear()));
                if (Boolean.getBoolean("real.verbose")) {
                    System.out.println(set[0] + "/" + file + " | " + r.issuer() + " | " + r.region() + " | " + r.province() + " | " + r.divisionCode()
                            + " | " + r.reportYear() + " | " + r.warnings().stream().filter(w -> !w.startsWith("SECTION_") && !w.startsWith("ROWS_")
                                    && !w.startsWith("TEMPLATE_") && !w.startsWith("GARBLED")).toList());
                }
                for (var v : verdicts.entrySet()) {
                    table.get(v.getKey()).merge(v.getValue(), 1, Integer::sum);
                    String line = set[0] + "/" + file + " " + v.getKey() + ": expected " + str(e, v.getKey()) + ", parsed "
                            + actual.get(v.getKey()) + " (divisionCode " + r.divisionCode() + ")";
                    if (v.getValue() == Verdict.WRONG) wrong.add(line + "; warnings " + r.warnings());
                    if (v.getValue() == Verdict.MISSING) missing.add(line + "; warnings " + r.warnings());
                }
            }
        }
        StringBuilder out = new StringBuilder("real metadata, per field right/missing/wrong:\n");
        tables.forEach((set, table) -> table.forEach((field, counts) -> out.append("  %-13s %-12s %3d %3d %3d%n"
                .formatted(set, field, counts.get(Verdict.RIGHT), counts.get(Verdict.MISSING), counts.get(Verdict.WRONG)))));
        missing.forEach(m -> out.append("  MISSING ").append(m).append('\n'));
        wrong.forEach(w -> out.append("  WRONG   ").append(w).append('\n'));
        System.out.println(out);
        assertThat(files).as("real files read").isGreaterThanOrEqualTo(30);
        assertThat(wrong).as("wrong metadata values\n" + out).isEmpty();
    }

    /** The scoring rules themselves, so that a change to them cannot go unnoticed. */
    @Test
    void scoringFollowsTheConventions() {
        assertThat(issuer("（嵊泗）县政府办公室", "嵊泗县政府办公室")).isEqualTo(Verdict.RIGHT);
        assertThat(issuer("（嵊泗）县政府办公室", "县政府办公室")).isEqualTo(Verdict.RIGHT);
        assertThat(issuer("（嵊泗）县政府办公室", "嵊泗县人民政府")).isEqualTo(Verdict.WRONG);
        assertThat(issuer("廣州市人民政府辦公廳", "广州市人民政府办公厅")).isEqualTo(Verdict.RIGHT);
        assertThat(issuer(null, "某局")).isEqualTo(Verdict.WRONG);
        assertThat(issuer(null, null)).isEqualTo(Verdict.RIGHT);
        assertThat(issuer("某局", null)).isEqualTo(Verdict.MISSING);
        assertThat(region("嵊泗县（舟山市）", "舟山市 嵊泗县")).isEqualTo(Verdict.RIGHT);
        assertThat(region("嵊泗县（舟山市）", "嵊泗县")).isEqualTo(Verdict.RIGHT);
        assertThat(region("嵊泗县（舟山市）", "宁波市 嵊泗县")).isEqualTo(Verdict.WRONG);
        assertThat(region("西城区（北京市）", "北京市 西城区")).isEqualTo(Verdict.RIGHT);
        assertThat(region("辽宁省", "辽宁省")).isEqualTo(Verdict.RIGHT);
        assertThat(region("平潭综合实验区 金井片区", "福州市 平潭综合实验区 金井片区")).isEqualTo(Verdict.RIGHT);
        assertThat(region("平潭综合实验区 金井片区", "平潭综合实验区 金井片区")).isEqualTo(Verdict.RIGHT);
        assertThat(region("平潭综合实验区 金井片区", "福州市 平潭综合实验区")).isEqualTo(Verdict.WRONG);
        assertThat(region(null, "广州市")).isEqualTo(Verdict.WRONG);
        assertThat(exact("福建省", "福建省")).isEqualTo(Verdict.RIGHT);
        assertThat(exact("福建省", "福建")).isEqualTo(Verdict.WRONG);
        assertThat(exact(null, "福建省")).isEqualTo(Verdict.WRONG);
    }

    static Verdict exact(String expected, String actual) {
        if (actual == null) return expected == null ? Verdict.RIGHT : Verdict.MISSING;
        return actual.equals(expected) ? Verdict.RIGHT : Verdict.WRONG;
    }

    /** Both in simplified script without whitespace; a （completion） may be kept (without its brackets) or left out. */
    static Verdict issuer(String expected, String actual) {
        if (actual == null) return expected == null ? Verdict.RIGHT : Verdict.MISSING;
        if (expected == null) return Verdict.WRONG;
        String e = simple(expected);
        String a = simple(actual);
        String kept = e.replace("（", "").replace("）", "");
        String dropped = PARENS.matcher(e).replaceAll("");
        return a.equals(kept) || a.equals(dropped) ? Verdict.RIGHT : Verdict.WRONG;
    }

    /**
     * The manifest's region is X or X（C）: one of the parser's components must be X (a space-separated X,
     * such as a zone and its 片区, must stand as consecutive components), and when C is given, a city-level
     * component of the parser's must be C.
     */
    static Verdict region(String expected, String actual) {
        if (actual == null) return expected == null ? Verdict.RIGHT : Verdict.MISSING;
        if (expected == null) return Verdict.WRONG;
        Matcher m = REGION.matcher(expected.strip());
        if (!m.matches()) return Verdict.WRONG;
        List<String> x = List.of(m.group(1).strip().split("\\s+"));
        String city = m.group(2);
        List<String> parts = List.of(actual.strip().split("\\s+"));
        if (!containsRun(parts, x)) return Verdict.WRONG;
        if (city != null) {
            for (String p : parts) {
                if (!x.contains(p) && isCityLevel(p) && !p.equals(city.strip())) return Verdict.WRONG;
            }
        }
        return Verdict.RIGHT;
    }

    private static boolean containsRun(List<String> parts, List<String> run) {
        for (int i = 0; i + run.size() <= parts.size(); i++) {
            if (parts.subList(i, i + run.size()).equals(run)) return true;
        }
        return false;
    }

    /** A prefecture, or a municipality (北京市 stands as the city of 西城区). */
    private static boolean isCityLevel(String name) {
        return GAZETTEER.named(name).stream().anyMatch(d -> d.level() != Gazetteer.Level.COUNTY);
    }

    private static String simple(String s) {
        return ChineseScript.toSimplified(s).replaceAll("\\s+", "");
    }

    private static String str(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The folder holding shared/corpus, found by walking up from the working directory. */
    static Path corpus() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("corpus");
            if (Files.isDirectory(c.resolve("real"))) return c;
        }
        throw new IllegalStateException("no shared/corpus/real folder in " + start + " or any folder above it");
    }
}
