package datacapsim.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {
    static final long PIB = 1L << 50;

    @TempDir
    Path tmp;

    // ---- 1 factor on a grid, two arms -------------------------------------------------------------------------

    /** window 7/30/90; designed = window + rep PiB, deployed = 2 × window + rep PiB; run 4 (window 30, designed, rep 1) fails. */
    static Sweep oneFactorWithArms() {
        Sweep s = new Sweep();
        s.factors = List.of(new F("governance.onrampWindowDays", true, false, List.of("7", "30", "90"), null));
        s.arms = List.of("designed", "deployed");
        s.outcomes = List.of("datacap_claimed_bytes", "abuse_datacap_share");
        s.designPoints = grid(s.factors);
        s.failed = Set.of("2/1"); // point 2 = design point 1 (window 30) × designed
        s.value = (dp, arm, rep, outcome) -> {
            if (outcome.equals("abuse_datacap_share")) return null; // never measured
            long w = Long.parseLong(dp.get("governance.onrampWindowDays"));
            return Long.toString(((arm.equals("deployed") ? 2 : 1) * w + rep) * PIB);
        };
        return s;
    }

    @Test
    void oneFactorGridWithArmsDrawsTheOutcomeAgainstTheFactor() throws Exception {
        Path dir = oneFactorWithArms().write(tmp.resolve("s1"));
        Path report = SweepReport.build(dir);
        assertEquals(dir.resolve("report.html"), report);
        String id = "datacap_claimed_bytes--vs--governance.onrampWindowDays";
        assertValidPng(dir.resolve("charts/" + id + ".png"));
        assertValidSvg(dir.resolve("charts/" + id + ".svg"));
        String html = Files.readString(report);
        assertTrue(html.contains("<section class=\"chart\" id=\"" + id + "\">"), "the chart's section");
        assertTrue(html.contains("<svg"), "inline svg");
        // designed: means 8, 31 (one run failed: 30+0 and 30+2 → 31), 91 PiB; deployed: 15, 61, 181 PiB
        assertTrue(html.contains("designed: the mean rises from 8 to 91 PiB as governance.onrampWindowDays goes from 7 to 90; "
                + "the 95 % CIs at 7 and 90 do not overlap."), html);
        assertTrue(html.contains("deployed: the mean rises from 15 to 181 PiB"), html);
        assertTrue(Files.readString(dir.resolve("charts/" + id + ".svg")).contains(">governance.onrampWindowDays (days)<"), "x axis with the factor's unit");
        // the compare chart is there too
        assertTrue(Files.exists(dir.resolve("charts/datacap_claimed_bytes--compare.png")));
        // deployed − designed is the window in every replication: CI collapses to it at each design point
        assertTrue(html.contains("<td>#0 7</td><td>deployed − designed</td><td class=\"num\">3</td><td class=\"num\">7</td>"
                + "<td class=\"num\">[7, 7]</td>"), html);
        assertTrue(html.contains("<td>#1 30</td><td>deployed − designed</td><td class=\"num\">2</td><td class=\"num\">30</td>"
                + "<td class=\"num\">[30, 30]</td>"), "the failed run's pair is left out");
    }

    @Test
    void failedRunsAreListedWithTheirError() throws IOException {
        Path dir = oneFactorWithArms().write(tmp.resolve("s1"));
        String html = Files.readString(SweepReport.build(dir));
        int failed = html.indexOf("id=\"failed\"");
        int outcomes = html.indexOf("id=\"outcomes\"");
        String section = html.substring(failed, outcomes);
        assertTrue(section.contains("1 run failed"), section);
        assertTrue(section.contains("boom in run 7: day 12, invariant &quot;datacap&quot;, broken"), section);
        assertTrue(section.contains("<td>designed</td>"), section);
        assertTrue(html.contains("18 runs: 17 complete, 1 failed, 0 missing"), "meta line");
    }

    @Test
    void anOutcomeWithoutAnyValueIsSkippedWithALine() throws IOException {
        Path dir = oneFactorWithArms().write(tmp.resolve("s1"));
        String html = Files.readString(SweepReport.build(dir));
        assertTrue(html.contains("abuse_datacap_share: no point has a mean"), html);
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("abuse_datacap_share")));
        }
    }

    // ---- 2 factors on a grid ----------------------------------------------------------------------------------

    @Test
    void twoFactorsOnAGridMakeAHeatMapWithItsTable() throws Exception {
        Sweep s = new Sweep();
        s.factors = List.of(new F("a.x", true, false, List.of("1", "2"), null), new F("a.y", true, false, List.of("10", "20", "30"), null));
        s.outcomes = List.of("sla_score_mean");
        s.designPoints = grid(s.factors);
        s.value = (dp, arm, rep, o) -> Double.toString(Integer.parseInt(dp.get("a.x")) * 100 + Integer.parseInt(dp.get("a.y")) + (rep - 1) * 0.5);
        Path dir = s.write(tmp.resolve("s2"));
        String html = Files.readString(SweepReport.build(dir));
        assertValidPng(dir.resolve("charts/sla_score_mean--heatmap.png"));
        assertValidSvg(dir.resolve("charts/sla_score_mean--heatmap.svg"));
        assertTrue(html.contains("Highest mean 230 at a.x = 2, a.y = 30; lowest 110 at a.x = 1, a.y = 10."), html);
        // the cell table: rows a.y, columns a.x
        assertTrue(html.contains("<tr><th>20</th><td class=\"num\">120</td><td class=\"num\">220</td></tr>"), html);
    }

    // ---- 3 factors on a grid ----------------------------------------------------------------------------------

    @Test
    void threeFactorsOnAGridMakeMainEffects() throws Exception {
        Sweep s = new Sweep();
        s.factors = List.of(new F("x", true, false, List.of("1", "2"), null), new F("y", true, true, List.of("1", "2"), null),
                new F("z", false, false, List.of("1", "2"), null));
        s.outcomes = List.of("requests_granted");
        s.designPoints = grid(s.factors);
        s.value = (dp, arm, rep, o) -> Integer.toString(Integer.parseInt(dp.get("x")) + 10 * Integer.parseInt(dp.get("y"))
                + 100 * Integer.parseInt(dp.get("z")) + rep);
        Path dir = s.write(tmp.resolve("s3"));
        String html = Files.readString(SweepReport.build(dir));
        for (String f : List.of("x", "y", "z")) {
            assertValidPng(dir.resolve("charts/requests_granted--main--" + f + ".png"));
            assertTrue(html.contains("id=\"requests_granted--main--" + f + "\""), f);
        }
        // z = 1: mean of the four point means 1.5 + 15 + 100 + 1 (mean rep) = 117.5; z = 2: 217.5
        assertTrue(html.contains("the level mean rises from 117.5 to 217.5 as z goes from 1 to 2 (spread of level means 100)."), html);
        assertTrue(html.contains("the level mean rises from 167 to 168 as x goes from 1 to 2 (spread of level means 1)."), html);
        assertFalse(Files.exists(dir.resolve("charts/requests_granted--heatmap.png")));
        assertTrue(html.contains("spread of the level means (mean of point means at a level) by factor, largest first: z 100, y 10, x 1."), html);
    }

    // ---- one at a time ----------------------------------------------------------------------------------------

    @Test
    void oneAtATimeMakesATornadoSortedBySwing() throws Exception {
        Sweep s = new Sweep();
        s.design = "one-at-a-time";
        F a = new F("p.a", true, false, List.of("1", "2", "3"), "1");
        F b = new F("p.b", true, false, List.of("5", "10", "20"), "10");
        F c = new F("p.c", false, false, List.of("x", "y"), "x");
        s.factors = List.of(a, b, c);
        s.outcomes = List.of("payout_burned_attofil");
        s.designPoints = List.of(dp("1", "10", "x"), dp("2", "10", "x"), dp("3", "10", "x"), dp("1", "5", "x"), dp("1", "20", "x"),
                dp("1", "10", "y"));
        // FIL = 100 + (a − 1) + (b − 10)/2 + 4·[c = y]: swings a 2, b 7.5, c 4
        s.value = (dp, arm, rep, o) -> {
            double fil = 100 + (Double.parseDouble(dp.get("p.a")) - 1) + (Double.parseDouble(dp.get("p.b")) - 10) / 2
                    + (dp.get("p.c").equals("y") ? 4 : 0) + (rep - 1);
            return new java.math.BigDecimal(fil).multiply(java.math.BigDecimal.TEN.pow(18)).toBigInteger().toString();
        };
        Path dir = s.write(tmp.resolve("oat"));
        String html = Files.readString(SweepReport.build(dir));
        assertValidPng(dir.resolve("charts/payout_burned_attofil--tornado.png"));
        assertValidSvg(dir.resolve("charts/payout_burned_attofil--tornado.svg"));
        String section = html.substring(html.indexOf("id=\"payout_burned_attofil--tornado\""));
        int ib = section.indexOf("<code>p.b</code>"), ic = section.indexOf("<code>p.c</code>"), ia = section.indexOf("<code>p.a</code>");
        assertTrue(ib > 0 && ib < ic && ic < ia, "sorted by swing: b, c, a");
        assertTrue(section.contains("<code>p.b</code></td><td class=\"num\">7.5</td><td class=\"num\">97.5</td><td>5</td>"
                + "<td class=\"num\">105</td><td>20</td>"), section);
        assertTrue(section.contains("<code>p.c</code></td><td class=\"num\">4</td>"), section);
        assertTrue(section.contains("<code>p.a</code></td><td class=\"num\">2</td>"), section);
        assertTrue(html.contains("Largest swing: p.b (7.5 FIL, from 97.5 at 5 to 105 at 20); smallest: p.a (2 FIL); "
                + "base point mean 100 FIL."), html);
    }

    static Map<String, String> dp(String a, String b, String c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("p.a", a);
        m.put("p.b", b);
        m.put("p.c", c);
        return m;
    }

    // ---- compare: paired differences --------------------------------------------------------------------------

    @Test
    void comparingArmsGivesThePairedDifferenceWithItsCi() throws Exception {
        Sweep s = new Sweep();
        s.crn = true;
        s.factors = List.of(new F("k", true, false, List.of("1", "2"), null));
        s.arms = List.of("A", "B");
        s.outcomes = List.of("sla_score_mean");
        s.designPoints = grid(s.factors);
        double[] noise = {10, 13, 7};
        double[] extraAt2 = {1, 2, 3};
        // B = A + 2 at k = 1 in every replication; B = A + 1, 2, 3 at k = 2
        s.value = (dp, arm, rep, o) -> {
            double v = noise[rep];
            if (arm.equals("B")) v += dp.get("k").equals("1") ? 2 : extraAt2[rep];
            return Double.toString(v);
        };
        Path dir = s.write(tmp.resolve("cmp"));
        String html = Files.readString(SweepReport.build(dir));
        assertValidPng(dir.resolve("charts/sla_score_mean--compare.png"));
        assertValidSvg(dir.resolve("charts/sla_score_mean--compare.svg"));
        assertTrue(html.contains("<td>#0 1</td><td>B − A</td><td class=\"num\">3</td><td class=\"num\">2</td>"
                + "<td class=\"num\">[2, 2]</td>"), html);
        // differences 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.3027 → ± 2.484
        assertTrue(html.contains("<td>#1 2</td><td>B − A</td><td class=\"num\">3</td><td class=\"num\">2</td>"
                + "<td class=\"num\">[-0.4841, 4.484]</td>"), html);
        // all six: 2, 2, 2, 1, 2, 3 → mean 2, sd √0.4, t(0.975, 5) = 2.5706 → ± 0.6637
        assertTrue(html.contains("<td>all 2 design points</td><td>B − A</td><td class=\"num\">6</td><td class=\"num\">2</td>"
                + "<td class=\"num\">[1.336, 2.664]</td>"), html);
        // the unpaired CI of the same runs is far wider: A = 10, 13, 7 vs B = 12, 15, 9 at k = 1 (Welch: 2 ± 2.776 · √6)
        assertTrue(html.contains("[-4.801, 8.801]"), "Welch CI at k = 1: sd 3 each, se √6, df 4");
        assertTrue(html.contains("Every pair shares its seed (common random numbers)"), html);
        // pooled: paired half-width 0.664 against Welch's 3.356 (df 9.4)
        assertTrue(html.contains("Here the paired CI is 20 % as wide as the unpaired one."), html);
        assertTrue(html.contains("every point uses the same seed in a replication: common random numbers; sweep.json common_random_numbers: true"), html);
        assertTrue(html.contains("Averaged over 2 design points: A 10, B 12."), html);
    }

    @Test
    void withoutSharedSeedsThePairedNoteSaysSo() throws IOException {
        Sweep s = oneFactorWithArms();
        s.crn = false;
        String html = Files.readString(SweepReport.build(s.write(tmp.resolve("nocrn"))));
        assertTrue(html.contains("The paired runs do not share seeds"), html);
        assertTrue(html.contains("every point has its own seeds; sweep.json common_random_numbers: false"), html);
    }

    // ---- sampling designs --------------------------------------------------------------------------------------

    @Test
    void sobolMakesScattersAndSpearmanCorrelations() throws Exception {
        Sweep s = new Sweep();
        s.design = "sobol";
        s.samples = 5;
        s.reps = 1;
        s.factors = List.of(new F("s.p", true, false, List.of(), null), new F("s.q", true, true, List.of(), null));
        s.outcomes = List.of("calls_refused");
        double[] p = {1, 2, 3, 4, 5}, q = {50, 40, 30, 20, 10};
        int[] y = {2, 1, 4, 3, 5};
        s.designPoints = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("s.p", Double.toString(p[i]));
            m.put("s.q", Double.toString(q[i]));
            s.designPoints.add(m);
        }
        s.value = (dp, arm, rep, o) -> Integer.toString(y[(int) Double.parseDouble(dp.get("s.p")) - 1]);
        Path dir = s.write(tmp.resolve("sobol"));
        String html = Files.readString(SweepReport.build(dir));
        assertValidPng(dir.resolve("charts/calls_refused--vs--s.p.png"));
        assertValidSvg(dir.resolve("charts/calls_refused--vs--s.q.svg"));
        // ranks of y against p: d = 1, −1, 1, −1, 0 → ρ = 1 − 6·4 / (5·24) = 0.8; q is p reversed → −0.8
        assertTrue(html.contains("<tr><td><code>s.p</code></td><td class=\"num\">0.800 (5)</td></tr>"), html);
        assertTrue(html.contains("<tr><td><code>s.q</code></td><td class=\"num\">-0.800 (5)</td></tr>"), html);
        assertTrue(html.contains("Spearman ρ = 0.800 over 5 complete runs, calls_refused rises with s.p."), html);
    }

    @Test
    void sensitivityCsvGivesSobolBarsAndMorrisPlaneWithTablesRankedByTheIndex() throws Exception {
        Sweep s = new Sweep();
        s.design = "sobol";
        s.samples = 5;
        s.reps = 1;
        s.factors = List.of(new F("s.p", true, false, List.of(), null), new F("s.q", true, true, List.of(), null));
        s.outcomes = List.of("calls_refused");
        s.designPoints = new ArrayList<>();
        for (int i = 0; i < 5; i++) s.designPoints.add(new LinkedHashMap<>(Map.of("s.p", i + "", "s.q", 10 * i + "")));
        s.value = (dp, arm, rep, o) -> dp.get("s.p");
        Path dir = s.write(tmp.resolve("sens"));
        Files.writeString(dir.resolve("sensitivity.csv"), """
                outcome,factor,method,index,value,ci_low,ci_high,n
                calls_refused,s.p,sobol,S1,0.1,0.05,0.2,64
                calls_refused,s.p,sobol,ST,0.3,0.2,0.4,64
                calls_refused,s.q,sobol,S1,0.6,0.5,0.7,64
                calls_refused,s.q,sobol,ST,0.65,0.55,0.75,64
                """);
        String html = Files.readString(SweepReport.build(dir));
        assertValidPng(dir.resolve("charts/calls_refused--sobol.png"));
        assertValidSvg(dir.resolve("charts/calls_refused--sobol.svg"));
        assertTrue(html.contains("Ranked by total index: s.q ST 0.65 [0.55, 0.75], S1 0.6; s.p ST 0.3 [0.2, 0.4], S1 0.1."
                + " Sum of S1 = 0.7 (well below 1"), html);
        int q = html.indexOf("<tr><td><code>s.q</code></td><td class=\"num\">0.6</td><td class=\"num\">[0.5, 0.7]</td>");
        int p = html.indexOf("<tr><td><code>s.p</code></td><td class=\"num\">0.1</td><td class=\"num\">[0.05, 0.2]</td>");
        assertTrue(q > 0 && p > q, "the table ranks s.q (larger ST) first: " + html);
        assertTrue(html.contains("(and sensitivity.csv) alone"), "provenance names the file");
        assertTrue(html.contains("Seeds differ between points (commonRandomNumbers is false)"), "the noise caveat");

        Files.writeString(dir.resolve("sensitivity.csv"), """
                outcome,factor,method,index,value,ci_low,ci_high,n
                calls_refused,s.p,morris,mu,-1,-2,0,10
                calls_refused,s.p,morris,mu_star,3,2,4,10
                calls_refused,s.p,morris,sigma,4,3,5,10
                calls_refused,s.q,morris,mu,5,4,6,10
                calls_refused,s.q,morris,mu_star,5,4,6,10
                calls_refused,s.q,morris,sigma,0,0,0,10
                """);
        html = Files.readString(SweepReport.build(dir));
        assertValidPng(dir.resolve("charts/calls_refused--morris.png"));
        assertValidSvg(dir.resolve("charts/calls_refused--morris.svg"));
        assertTrue(html.contains("Ranked by μ* (mean absolute elementary effect, outcome units per whole interval of the"
                + " factor): s.q μ* 5, σ 0; s.p μ* 3, σ 4."), html);
        assertTrue(html.contains("<tr><td><code>s.p</code></td><td class=\"num\">-1</td><td class=\"num\">[-2, 0]</td>"
                + "<td class=\"num\">3</td><td class=\"num\">[2, 4]</td>"), html);
        Files.delete(dir.resolve("sensitivity.csv"));
        html = Files.readString(SweepReport.build(dir));
        assertFalse(html.contains("Ranked by"), "no sensitivity.csv, no indices");
    }

    @Test
    void chartsAreCappedAndTheReportSaysHowManyWereLeftOut() throws IOException {
        Sweep s = new Sweep();
        s.design = "latin-hypercube";
        s.samples = 4;
        s.reps = 1;
        List<F> fs = new ArrayList<>();
        for (int f = 0; f < 7; f++) fs.add(new F("f" + f, true, false, List.of(), null));
        s.factors = fs;
        List<String> outcomes = new ArrayList<>();
        for (int o = 0; o < 11; o++) outcomes.add("out" + o);
        s.outcomes = outcomes;
        s.designPoints = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int f = 0; f < 7; f++) m.put("f" + f, Integer.toString((i * (f + 1)) % 5));
            s.designPoints.add(m);
        }
        s.value = (dp, arm, rep, o) -> Integer.toString(Integer.parseInt(dp.get("f0")) * (o.length() + 1) + Integer.parseInt(dp.get("f3")));
        Path dir = s.write(tmp.resolve("cap"));
        String html = Files.readString(SweepReport.build(dir));
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            assertEquals(SweepReport.MAX_CHARTS, files.filter(f -> f.toString().endsWith(".png")).count());
        }
        // 11 outcomes × 6 charted factors = 66 charts: 6 left out; the 7th factor of each outcome is only in the table
        assertTrue(html.contains("6 charts were left out: a report draws at most 60"), html);
        assertTrue(html.contains("1 more factor not charted for this outcome"), html);
    }

    @Test
    void zipAndSamplingDesignsWithArmsDrawPerFactorCharts() throws Exception {
        Sweep z = new Sweep();
        z.design = "zip";
        z.factors = List.of(new F("z.a", true, false, List.of("1", "2", "4"), null), new F("z.b", false, false, List.of("lo", "mid", "hi"), null));
        z.arms = List.of("designed", "deployed");
        z.outcomes = List.of("qa_power_bytes");
        z.designPoints = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("z.a", z.factors.get(0).levels().get(i));
            m.put("z.b", z.factors.get(1).levels().get(i));
            z.designPoints.add(m);
        }
        z.value = (dp, arm, rep, o) -> Long.toString((Long.parseLong(dp.get("z.a")) * (arm.equals("designed") ? 1 : 3) + rep) * PIB);
        Path zd = z.write(tmp.resolve("zip"));
        String zh = Files.readString(SweepReport.build(zd));
        assertValidPng(zd.resolve("charts/qa_power_bytes--vs--z.a.png"));
        assertValidSvg(zd.resolve("charts/qa_power_bytes--vs--z.b.svg"));
        assertTrue(zh.contains("deployed: the mean rises from 4 to 13 PiB as z.b goes from lo to hi"), zh);

        Sweep l = new Sweep();
        l.design = "latin-hypercube";
        l.samples = 4;
        l.reps = 1;
        l.factors = List.of(new F("l.x", true, true, List.of(), null));
        l.arms = List.of("A", "B");
        l.outcomes = List.of("fees_burned_attofil");
        l.designPoints = new ArrayList<>();
        for (String x : List.of("0.5", "3", "40", "700")) l.designPoints.add(new LinkedHashMap<>(Map.of("l.x", x)));
        // A rises with x; B falls with it
        l.value = (dp, arm, rep, o) -> {
            double x = Double.parseDouble(dp.get("l.x"));
            long fil = Math.round(arm.equals("A") ? x : 1000 - x) + rep;
            return java.math.BigInteger.valueOf(fil).multiply(java.math.BigInteger.TEN.pow(18)).toString();
        };
        Path ld = l.write(tmp.resolve("lhs"));
        String lh = Files.readString(SweepReport.build(ld));
        assertValidPng(ld.resolve("charts/fees_burned_attofil--vs--l.x.png"));
        assertTrue(lh.contains("<tr><td><code>l.x</code></td><td class=\"num\">1.000 (4)</td><td class=\"num\">-1.000 (4)</td></tr>"), lh);
        // more than 12 design points would average; 4 are compared point by point, with the paired table
        assertTrue(lh.contains("<td>all 4 design points</td><td>B − A</td><td class=\"num\">4</td>"), lh);
    }

    @Test
    void aSweepWithoutRunsYetBuildsAndChartsNothing() throws IOException {
        Sweep s = oneFactorWithArms();
        Path dir = s.write(tmp.resolve("empty"));
        Files.writeString(dir.resolve("runs.csv"), "run,point,design_point,compare,replication,seed,status,error,governance.onrampWindowDays,"
                + "datacap_claimed_bytes,abuse_datacap_share\n");
        Files.writeString(dir.resolve("points.csv"), "point,design_point,compare,governance.onrampWindowDays,outcome,n,mean,sd,ci_low,ci_high\n");
        String html = Files.readString(SweepReport.build(dir));
        assertTrue(html.contains("datacap_claimed_bytes: no point has a mean"), html);
        assertTrue(html.contains("No run failed."), html);
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            assertEquals(0, files.count());
        }
    }

    // ---- determinism and errors -------------------------------------------------------------------------------

    @Test
    void aRebuildGivesTheSameBytesInAnyLocale() throws IOException {
        Path dir = oneFactorWithArms().write(tmp.resolve("s1"));
        SweepReport.build(dir);
        Map<String, byte[]> first = snapshot(dir);
        assertTrue(first.size() > 4, first.keySet().toString());
        SweepReport.build(dir);
        assertSnapshot(first, snapshot(dir));
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            SweepReport.build(dir);
        } finally {
            Locale.setDefault(before);
        }
        assertSnapshot(first, snapshot(dir));
    }

    @Test
    void theReportIsSelfContainedAndInPageOrder() throws IOException {
        Path dir = oneFactorWithArms().write(tmp.resolve("s1"));
        String html = Files.readString(SweepReport.build(dir));
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");
        assertFalse(html.contains("<script"));
        int[] order = {html.indexOf("<h1>"), html.indexOf("class=\"question\""), html.indexOf("Does the window matter"),
                html.indexOf("class=\"meta\">design grid"), html.indexOf("id=\"failed\""), html.indexOf("id=\"datacap_claimed_bytes\""),
                html.indexOf("id=\"points\""), html.indexOf("id=\"provenance\"")};
        for (int i = 0; i < order.length; i++) assertTrue(order[i] >= 0, "part " + i + " present");
        for (int i = 1; i < order.length; i++) assertTrue(order[i - 1] < order[i], "part " + i + " after part " + (i - 1));
        assertTrue(html.contains("<td>tool_version</td><td>0.1.0</td>"), "provenance");
        // points table: point 2 (window 30, designed) has two complete runs, mean 31 PiB, CI 31 ± 12.71 × 1.414 / 1.414
        assertTrue(html.contains("<tr><td class=\"num\">2</td><td class=\"num\">1</td><td>designed</td><td>30</td><td class=\"num\">2</td>"
                + "<td class=\"num\">31 [18.29, 43.71]</td></tr>"), html);
    }

    @Test
    void missingFilesAreRefusedNamingTheFile() throws IOException {
        for (String missing : List.of("sweep.json", "runs.csv", "points.csv")) {
            Path dir = oneFactorWithArms().write(tmp.resolve("m-" + missing));
            Files.delete(dir.resolve(missing));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepReport.build(dir));
            assertTrue(e.getMessage().contains(missing), e.getMessage());
            assertEquals(!missing.equals("sweep.json"), SweepReport.isSweep(dir));
        }
        assertFalse(SweepReport.isSweep(tmp.resolve("nowhere")));
    }

    @Test
    void numbersKeepFourSignificantDigits() {
        assertEquals("0.06342", SweepReport.fmt(0.063421));
        assertEquals("2", SweepReport.fmt(2.0));
        assertEquals("-0.4841", SweepReport.fmt(-0.48414));
        assertEquals("117.5", SweepReport.fmt(117.5));
        assertEquals("12,346", SweepReport.fmt(12345.6));
        assertEquals("1.5e-05", SweepReport.fmt(0.000015));
        assertEquals("–", SweepReport.fmt(Double.NaN));
    }

    @Test
    void chartIdsAreSanitized() {
        assertEquals("a_b--vs--c.d-e", SweepReport.sanitize("a/b--vs--c.d-e"));
        assertEquals("x--heatmap--arm_1_", SweepReport.sanitize("x--heatmap--arm 1é"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static void assertValidPng(Path f) throws IOException {
        assertTrue(Files.exists(f), f + " exists");
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img, f + " is a readable PNG");
        assertEquals(ChartRenderer.WIDTH, img.getWidth());
        assertEquals(ChartRenderer.HEIGHT, img.getHeight());
    }

    static void assertValidSvg(Path f) throws Exception {
        assertTrue(Files.exists(f), f + " exists");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName(), f + " is an SVG document");
    }

    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        out.put("report.html", Files.readAllBytes(dir.resolve("report.html")));
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            for (Path f : files.toList()) out.put("charts/" + f.getFileName(), Files.readAllBytes(f));
        }
        return out;
    }

    static void assertSnapshot(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) assertArrayEquals(expected.get(k), actual.get(k), k);
    }

    /** A factor as sweep.json declares it. */
    record F(String path, boolean numeric, boolean log, List<String> levels, String base) {}

    interface Value {
        /** An outcome's end-of-run cell for a design point, arm and replication; null for blank. */
        String of(Map<String, String> designPoint, String arm, int replication, String outcome);
    }

    static List<Map<String, String>> grid(List<F> factors) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (F f : factors) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> m : out)
                for (String l : f.levels()) {
                    Map<String, String> n = new LinkedHashMap<>(m);
                    n.put(f.path(), l);
                    next.add(n);
                }
            out = next;
        }
        return out;
    }

    /** A synthetic sweep: writes sweep.json, runs.csv and points.csv consistent with each other, as the runner does. */
    static final class Sweep {
        String design = "grid";
        int reps = 3;
        Integer samples;
        boolean crn;
        List<F> factors = List.of();
        List<String> arms = List.of();
        List<String> outcomes = List.of();
        List<Map<String, String>> designPoints = List.of();
        Set<String> failed = Set.of(); // "point/replication"
        Value value;

        Path write(Path dir) throws IOException {
            Files.createDirectories(dir);
            int nArms = Math.max(1, arms.size());
            int points = designPoints.size() * nArms;
            // runs
            StringBuilder runs = new StringBuilder("run,point,design_point,compare,replication,seed,status,error");
            for (F f : factors) runs.append(',').append(f.path());
            for (String o : outcomes) runs.append(',').append(o);
            runs.append('\n');
            Map<Integer, Map<String, List<Double>>> values = new TreeMap<>();
            int complete = 0, nFailed = 0;
            for (int point = 0; point < points; point++) {
                int dp = point / nArms;
                String arm = arms.isEmpty() ? "" : arms.get(point % nArms);
                Map<String, String> levels = designPoints.get(dp);
                for (int rep = 0; rep < reps; rep++) {
                    int run = point * reps + rep;
                    boolean fail = failed.contains(point + "/" + rep);
                    long seed = crn ? 1000 + rep : 1000 + point * 100L + rep;
                    runs.append(run).append(',').append(point).append(',').append(dp).append(',').append(arm).append(',').append(rep)
                            .append(',').append(seed).append(',').append(fail ? "failed" : "complete").append(',')
                            .append(fail ? csv("boom in run " + run + ": day 12, invariant \"datacap\", broken") : "");
                    for (F f : factors) runs.append(',').append(levels.get(f.path()));
                    for (String o : outcomes) {
                        String v = fail ? null : value.of(levels, arm, rep, o);
                        runs.append(',').append(v == null ? "" : v);
                        if (v != null) values.computeIfAbsent(point, k -> new LinkedHashMap<>()).computeIfAbsent(o, k -> new ArrayList<>())
                                .add(SweepReportData.number(v, scaleOf(o)));
                    }
                    runs.append('\n');
                    if (fail) nFailed++;
                    else complete++;
                }
            }
            Files.writeString(dir.resolve("runs.csv"), runs, StandardCharsets.UTF_8);
            // points: statistics in the files' unit (bytes, attoFIL), as the runner writes them
            StringBuilder pts = new StringBuilder("point,design_point,compare");
            for (F f : factors) pts.append(',').append(f.path());
            pts.append(",outcome,n,mean,sd,ci_low,ci_high\n");
            for (int point = 0; point < points; point++) {
                int dp = point / nArms;
                for (String o : outcomes) {
                    pts.append(point).append(',').append(dp).append(',').append(arms.isEmpty() ? "" : arms.get(point % nArms));
                    for (F f : factors) pts.append(',').append(designPoints.get(dp).get(f.path()));
                    List<Double> v = values.getOrDefault(point, Map.of()).getOrDefault(o, List.of());
                    double scale = scaleOf(o).doubleValue();
                    pts.append(',').append(o).append(',').append(v.size());
                    if (v.isEmpty()) pts.append(",,,,");
                    else {
                        double mean = 0;
                        for (double x : v) mean += x;
                        mean /= v.size();
                        pts.append(',').append(mean * scale);
                        if (v.size() < 2) pts.append(",,,");
                        else {
                            double ss = 0;
                            for (double x : v) ss += (x - mean) * (x - mean);
                            double sd = Math.sqrt(ss / (v.size() - 1));
                            double half = new TDistribution(v.size() - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(v.size());
                            pts.append(',').append(sd * scale).append(',').append((mean - half) * scale).append(',').append((mean + half) * scale);
                        }
                    }
                    pts.append('\n');
                }
            }
            Files.writeString(dir.resolve("points.csv"), pts, StandardCharsets.UTF_8);
            // sweep.json
            ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode j = om.createObjectNode();
            j.put("name", "sweep-test");
            j.put("question", "Does the window matter?");
            j.put("description", "A synthetic sweep for the report's tests.");
            j.put("design", design);
            j.put("replications", reps);
            if (samples == null) j.putNull("samples");
            else j.put("samples", samples);
            j.put("common_random_numbers", crn);
            j.put("base_seed", 1);
            ArrayNode fs = j.putArray("factors");
            for (F f : factors) {
                ObjectNode n = fs.addObject();
                n.put("path", f.path());
                n.put("doc", "the " + f.path());
                n.put("unit", f.path().endsWith("Days") ? "days" : "");
                n.put("numeric", f.numeric());
                n.put("log", f.log());
                ArrayNode l = n.putArray("levels");
                f.levels().forEach(l::add);
                if (f.base() == null) n.putNull("base");
                else n.put("base", f.base());
            }
            ArrayNode cmp = j.putArray("compare");
            arms.forEach(cmp::add);
            ArrayNode os = j.putArray("outcomes");
            outcomes.forEach(os::add);
            j.put("points", points);
            j.put("runs", points * reps);
            j.putNull("shard");
            j.put("tool_version", "0.1.0");
            j.put("git_commit", "abc123");
            j.put("status", nFailed == 0 ? "complete" : "complete-with-failures");
            j.put("runs_complete", complete);
            j.put("runs_failed", nFailed);
            j.put("runs_missing", 0);
            Files.writeString(dir.resolve("sweep.json"), om.writeValueAsString(j), StandardCharsets.UTF_8);
            return dir;
        }

        static java.math.BigDecimal scaleOf(String outcome) { return SweepReportData.scale(outcome).divisor(); }

        static String csv(String s) { return "\"" + s.replace("\"", "\"\"") + "\""; }
    }
}
