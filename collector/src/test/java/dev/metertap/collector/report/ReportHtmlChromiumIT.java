package dev.metertap.collector.report;

import dev.metertap.collector.cli.MetertapCommand;
import dev.metertap.collector.store.Store;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.device.LoadSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * Renders {@code metertap report --format html} in headless Chromium (Debian package {@code chromium}) for three
 * houses (EMU-2 only, PG&E only, both) at a phone's width (412 px) and a desktop's (1280 px), and looks at it as a
 * person would: the charts the data allows are drawn, every chart text is at least 11 px as rendered, no two texts
 * of a chart overlap or leave it, the value ticks are round, a day with some gap hours is shaded in proportion,
 * and nothing overflows the page's width. Measured in the rendered DOM: the report in a frame as wide as the
 * viewport (headless Chromium's window is at least 500 px wide), with a script that writes each text's box and
 * rendered size into the framing page. Screenshots of the full pages and the reports are kept under
 * {@code collector/target/report-screenshots/}. Skipped without Chromium, except on CI.
 */
class ReportHtmlChromiumIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final List<Integer> WIDTHS = List.of(412, 1280);
    static final double MIN_TEXT_PX = 11;
    /** The live-data gap in the houses with an EMU-2: 14:05 to 16:50 on Nov 12, so the hours 14, 15 and 16 miss their counter. */
    static final long GAP_FROM = LocalDateTime.of(2026, 11, 12, 14, 5).atZone(ZONE).toEpochSecond();
    static final long GAP_TO = LocalDateTime.of(2026, 11, 12, 16, 50).atZone(ZONE).toEpochSecond();
    static final Map<String, List<String>> CHARTS = Map.of(
            "emu2", List.of("baseline", "daily-energy", "hour-of-day"),
            "pge", List.of("baseline", "daily-energy"),
            "both", List.of("baseline", "daily-energy", "hour-of-day", "daily-difference", "hourly-difference"));
    static final Pattern SVG = Pattern.compile("<svg[^>]*data-chart=\"([^\"]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
    static final Pattern MARK = Pattern.compile("<(rect|circle)(?![^>]*class=\"gap\")[^>]*>");
    static final Pattern GAP_BAND = Pattern.compile("<rect class=\"gap\" x=\"([\\d.]+)\" y=\"[\\d.]+\" width=\"([\\d.]+)\"");
    /**
     * Writes, for each chart text, its chart, class, content, rendered font size in px and its box; then the page's
     * size; into the framing page, which {@code --dump-dom} shows.
     */
    static final String MEASURE = """
            <script>
            const rows = [];
            for (const svg of document.querySelectorAll('svg.chart')) {
              const s = svg.getBoundingClientRect();
              rows.push([svg.dataset.chart, 'svg', '', 0, s.left, s.top, s.right, s.bottom].join('\\t'));
              for (const t of svg.querySelectorAll('text')) {
                const r = t.getBoundingClientRect();
                const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
                rows.push([svg.dataset.chart, t.getAttribute('class'), t.textContent, px, r.left, r.top, r.right, r.bottom].join('\\t'));
              }
            }
            rows.push(['page', 'page', '', 0, 0, 0, document.documentElement.scrollWidth,
                document.body.getBoundingClientRect().bottom].join('\\t'));
            const pre = parent.document.createElement('pre');
            pre.id = 'measured';
            pre.textContent = rows.join('\\n');
            parent.document.body.appendChild(pre);
            </script>
            """;
    static final Pattern MEASURED = Pattern.compile("<pre id=\"measured\">(.*?)</pre>", Pattern.DOTALL);
    /** Headless Chromium lays out a window at least this wide: narrower pages are rendered in a frame of their width. */
    static final int MIN_WINDOW = 500;

    @TempDir
    static Path dir;
    static final Map<String, Path> reports = new LinkedHashMap<>();

    @BeforeAll
    static void writeReports() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI needs headless Chromium at " + CHROMIUM + ": install the Debian package 'chromium' (.ci/run does)");
            }
            Assumptions.abort("no " + CHROMIUM + ": install the Debian package 'chromium' to render the HTML report");
        }
        report("emu2", SyntheticHouse::emu2Only);
        report("pge", SyntheticHouse::pgeOnly);
        report("both", house -> house);
    }

    private static void report(String name, UnaryOperator<SyntheticHouse> sources) {
        HouseholdLoad load = new HouseholdLoad(3, new LoadSettings(ZONE, 180, 0, true));
        SyntheticHouse house = sources.apply(new SyntheticHouse(load, t -> 0, 0, 0.985, t -> t >= GAP_FROM && t < GAP_TO));
        Path db = dir.resolve(name + ".db");
        ReportScope scope = new ReportScope(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 15), ZONE);
        try (Store store = Store.open(db)) {
            house.writeTo(store, scope.start(), scope.end(), new BigDecimal("0.32"));
        }
        Path html = dir.resolve(name + ".html");
        int exit = MetertapCommand.commandLine().execute("report", "--store", db.toString(), "--format", "html",
                "--from", "2026-11-02", "--to", "2026-11-16", "--out", html.toString());
        assertThat(exit).isZero();
        reports.put(name, html);
    }

    @Test
    void eachHouseHasTheChartsItsDataAllowsWithDataMarks() throws Exception {
        for (Map.Entry<String, Path> report : reports.entrySet()) {
            String dom = chromium("--dump-dom", "file://" + report.getValue().toAbsolutePath());
            List<String> rendered = new ArrayList<>();
            Matcher svg = SVG.matcher(dom);
            while (svg.find()) {
                rendered.add(svg.group(1));
                assertThat(MARK.matcher(svg.group(2)).results().count()).as("%s: data marks in chart %s", report.getKey(), svg.group(1))
                        .isGreaterThan(5);
            }
            assertThat(rendered).as(report.getKey()).containsExactlyElementsOf(CHARTS.get(report.getKey()));
        }
    }

    @Test
    void aDayWithSomeGapHoursIsShadedInProportion() throws IOException {
        Matcher svg = SVG.matcher(Files.readString(reports.get("both")));
        String daily = null;
        while (svg.find()) {
            daily = svg.group(1).equals("daily-difference") ? svg.group(2) : daily;
        }
        assertThat(daily).isNotNull();
        List<Double> widths = GAP_BAND.matcher(daily).results().map(m -> Double.parseDouble(m.group(2))).toList();
        // 3 of Nov 12's 24 hours miss the counter; a day's slot is the plot's width over the 14 days
        double slot = (SvgChart.WIDTH - plotLeft(daily) - 12) / 14.0;
        assertThat(widths).hasSize(1);
        assertThat(widths.get(0) / slot).isCloseTo(3 / 24.0, within(0.01));
    }

    @Test
    void chartTextIsLegibleApartAndInsideAtPhoneAndDesktopWidths() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> report : reports.entrySet()) {
            for (int width : WIDTHS) {
                String where = report.getKey() + " at " + width + " px";
                List<Box> boxes = measure(report.getValue(), width);
                Box page = boxes.stream().filter(b -> b.chart.equals("page")).findFirst().orElseThrow();
                if (page.right > width) {
                    problems.add(where + ": the page is " + page.right + " px wide");
                }
                for (String chart : CHARTS.get(report.getKey())) {
                    List<Box> texts = boxes.stream().filter(b -> b.chart.equals(chart) && !b.kind.equals("svg")).toList();
                    Box frame = boxes.stream().filter(b -> b.chart.equals(chart) && b.kind.equals("svg")).findFirst().orElseThrow();
                    assertThat(texts).as("%s: texts of %s", where, chart).isNotEmpty();
                    for (int i = 0; i < texts.size(); i++) {
                        Box t = texts.get(i);
                        if (t.px < MIN_TEXT_PX) {
                            problems.add(where + ", " + chart + ": '" + t.text + "' is " + String.format("%.1f", t.px) + " px");
                        }
                        if (!frame.contains(t)) {
                            problems.add(where + ", " + chart + ": '" + t.text + "' leaves the chart");
                        }
                        for (Box other : texts.subList(i + 1, texts.size())) {
                            if (t.overlaps(other)) {
                                problems.add(where + ", " + chart + ": '" + t.text + "' overlaps '" + other.text + "'");
                            }
                        }
                    }
                    List<Double> ticks = texts.stream().filter(t -> t.kind.equals("tick"))
                            .map(t -> Double.parseDouble(t.text.replace(",", ""))).toList();
                    if (!round(ticks)) {
                        problems.add(where + ", " + chart + ": ticks " + ticks + " are not 1, 2 or 5 × 10^n apart");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void screenshotsOfEachHouseAtPhoneAndDesktopWidths() throws Exception {
        Path shots = Path.of("target", "report-screenshots");
        Files.createDirectories(shots);
        for (Map.Entry<String, Path> report : reports.entrySet()) {
            for (int width : WIDTHS) {
                List<Box> boxes = measure(report.getValue(), width);
                int height = (int) Math.ceil(boxes.stream().filter(b -> b.chart.equals("page")).findFirst().orElseThrow().bottom);
                Path window = dir.resolve(report.getKey() + "-window.png");
                chromium("--screenshot=" + window, "--hide-scrollbars", "--window-size=" + Math.max(width, MIN_WINDOW) + "," + height,
                        "file://" + framed(report.getValue(), width, height, "").toAbsolutePath());
                BufferedImage image = ImageIO.read(window.toFile()).getSubimage(0, 0, width, height);
                Path shot = dir.resolve(report.getKey() + "-" + width + ".png");
                ImageIO.write(image, "png", shot.toFile());
                assertThat(colouredPixels(image)).as("%s at %d px: pixels in the charts' colour", report.getKey(), width).isGreaterThan(2000);
                Path kept = shots.resolve(shot.getFileName());
                Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("report screenshot: " + kept.toAbsolutePath());
            }
            Files.copy(report.getValue(), shots.resolve(report.getValue().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    record Box(String chart, String kind, String text, double px, double left, double top, double right, double bottom) {
        boolean overlaps(Box o) {
            return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
        }

        boolean contains(Box o) {
            return o.left >= left && o.right <= right && o.top >= top && o.bottom <= bottom;
        }
    }

    /** The report's chart texts and page size as laid out {@code width} px wide. */
    private static List<Box> measure(Path report, int width) throws IOException, InterruptedException {
        String dom = chromium("--window-size=" + Math.max(width, MIN_WINDOW) + ",900", "--dump-dom",
                "file://" + framed(report, width, 20_000, MEASURE).toAbsolutePath());
        Matcher m = MEASURED.matcher(dom);
        assertThat(m.find()).as("the measuring script ran").isTrue();
        List<Box> boxes = new ArrayList<>();
        for (String row : m.group(1).split("\n")) {
            String[] f = row.split("\t", -1);
            boxes.add(new Box(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7])));
        }
        return boxes;
    }

    /** A page showing the report (with {@code script} added) in a frame {@code width} px wide, as a phone's viewport is. */
    private static Path framed(Path report, int width, int height, String script) throws IOException {
        String html = Files.readString(report).replace("</body>", script + "</body>");
        Path page = Files.createTempFile(dir, "framed", ".html");
        Files.writeString(page, "<!DOCTYPE html><html><body style=\"margin:0\"><iframe style=\"width:" + width + "px;height:" + height
                + "px;border:0;display:block\" srcdoc=\"" + html.replace("&", "&amp;").replace("\"", "&quot;") + "\"></iframe></body></html>");
        return page;
    }

    /** Evenly spaced by 1, 2 or 5 × 10ⁿ. */
    static boolean round(List<Double> ticks) {
        if (ticks.size() < 2) {
            return false;
        }
        double step = ticks.get(1) - ticks.get(0);
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
        boolean roundStep = List.of(1.0, 2.0, 5.0).stream().anyMatch(r -> Math.abs(mantissa - r) < 1e-6);
        for (int i = 1; i < ticks.size(); i++) {
            if (Math.abs(ticks.get(i) - ticks.get(i - 1) - step) > step * 1e-6 || Math.abs(ticks.get(i) / step - Math.round(ticks.get(i) / step)) > 1e-6) {
                return false;
            }
        }
        return roundStep;
    }

    private static double plotLeft(String svg) {
        Matcher line = Pattern.compile("<line x1=\"([\\d.]+)\"").matcher(svg);
        assertThat(line.find()).isTrue();
        return Double.parseDouble(line.group(1));
    }

    /** Pixels of the blue data colour (#2a6f97): the charts were drawn, not just the page. */
    private static long colouredPixels(BufferedImage image) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - 0x2a) < 24 && Math.abs(g - 0x6f) < 24 && Math.abs(b - 0x97) < 24) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 120 s: " + command);
        }
        assertThat(process.exitValue()).as("chromium exit status").isZero();
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
