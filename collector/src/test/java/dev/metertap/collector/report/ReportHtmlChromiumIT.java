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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders {@code metertap report --format html} in headless Chromium (Debian package {@code chromium})
 * at a phone's width: every chart is in the rendered DOM with data marks drawn, and the screenshot is
 * kept as {@code collector/target/report-screenshot.png}. Skipped without Chromium, except on CI.
 */
class ReportHtmlChromiumIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final List<String> CHARTS = List.of("baseline", "daily-energy", "hour-of-day", "daily-difference", "hourly-difference");
    static final Pattern SVG = Pattern.compile("<svg[^>]*data-chart=\"([^\"]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
    static final Pattern MARK = Pattern.compile("<(rect|circle)(?![^>]*class=\"gap\")[^>]*>");

    @TempDir
    static Path dir;
    static Path html;

    @BeforeAll
    static void writeReport() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI needs headless Chromium at " + CHROMIUM + ": install the Debian package 'chromium' (.ci/run does)");
            }
            Assumptions.abort("no " + CHROMIUM + ": install the Debian package 'chromium' to render the HTML report");
        }
        long gapFrom = LocalDateTime.of(2026, 11, 12, 14, 5).atZone(ZONE).toEpochSecond();
        long gapTo = LocalDateTime.of(2026, 11, 12, 16, 50).atZone(ZONE).toEpochSecond();
        HouseholdLoad load = new HouseholdLoad(3, new LoadSettings(ZONE, 180, 0, true));
        SyntheticHouse house = new SyntheticHouse(load, t -> 0, 0, 0.985, t -> t >= gapFrom && t < gapTo);
        Path db = dir.resolve("house.db");
        ReportScope scope = new ReportScope(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 15), ZONE);
        try (Store store = Store.open(db)) {
            house.writeTo(store, scope.start(), scope.end(), new BigDecimal("0.32"));
        }
        html = dir.resolve("report.html");
        int exit = MetertapCommand.commandLine().execute("report", "--store", db.toString(), "--format", "html",
                "--from", "2026-11-02", "--to", "2026-11-16", "--out", html.toString());
        assertThat(exit).isZero();
    }

    @Test
    void everyChartIsRenderedWithDataMarks() throws Exception {
        String dom = chromium("--dump-dom", "file://" + html.toAbsolutePath());
        List<String> rendered = new ArrayList<>();
        Matcher svg = SVG.matcher(dom);
        while (svg.find()) {
            rendered.add(svg.group(1));
            assertThat(MARK.matcher(svg.group(2)).results().count()).as("data marks in chart %s", svg.group(1)).isGreaterThan(5);
        }
        assertThat(rendered).containsExactlyElementsOf(CHARTS);
    }

    @Test
    void screenshotAtPhoneWidthShowsTheReport() throws Exception {
        Path shot = dir.resolve("shot.png");
        chromium("--screenshot=" + shot, "--window-size=412,2400", "file://" + html.toAbsolutePath());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(412);
        assertThat(colouredPixels(image)).as("pixels in the charts' colours").isGreaterThan(2000);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
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
