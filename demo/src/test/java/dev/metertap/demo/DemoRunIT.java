package dev.metertap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.cli.MetertapCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Demo runs of every length the demo accepts, from a minute (at the default speed, where the device used to run
 * out before the collector had opened the port) to days: each finishes, and the store holds exactly the demand
 * readings the virtual EMU-2's journal says it wrote whole, and the sink got everything the store holds; over days,
 * the EMU-2 and PG&amp;E describe one house.
 */
class DemoRunIT {

    private static final long SEED = 7;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The virtual EMU-2's house (its README): a 220 W base load and a 150 W fridge running 20 minutes of every hour. */
    private static final double REGISTER_KWH = 0.001;
    private static final double ALWAYS_ON_WATTS = 220 + 150 * 20 / 60.0;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1}x")
    @CsvSource({"1m, 3600", "2m, 3600", "5m, 3600", "2h, 36000"})
    void storesEveryWholeDemandReadingTheDeviceWroteAndFinishes(String duration, double speed) throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        DemoRun.Summary summary = run(new dev.metertap.collector.cli.DurationConverter().convert(duration), NOW, speed, 1, shown);
        assertStoredWhatTheDeviceWrote(summary, shown.toString(StandardCharsets.UTF_8), duration);
    }

    /**
     * Three days ending on a Tuesday afternoon, over the fall-back night: the EMU-2 and PG&amp;E describe one house, so
     * every hour both cover agrees and each source finds the always-on load the household is built with.
     */
    @Test
    void bothSourcesSeeOneHouse() throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        DemoRun.Summary summary = run(Duration.ofDays(3), Instant.parse("2026-11-03T22:00:00Z"), 50_000, 3, shown);
        assertStoredWhatTheDeviceWrote(summary, shown.toString(StandardCharsets.UTF_8), "3d");
        Path store = summary.files().store();

        JsonNode auto = report(store, "auto");
        List<JsonNode> covered = new ArrayList<>();
        auto.path("hours").forEach(hour -> {
            if (hour.path("emu2Kwh").isNumber() && hour.path("pgeKwh").isNumber() && !hour.path("gap").asBoolean()) {
                covered.add(hour);
            }
        });
        assertThat(covered).as("hours both sources cover").hasSizeGreaterThan(40);
        // within 1 %; the EMU-2's register counts whole watt-hours, so an hour of less than 100 Wh is known to 1 Wh
        assertThat(covered).allSatisfy(hour -> assertThat(hour.path("emu2Kwh").asDouble())
                .as("EMU-2 against PG&E, the hour from %s", hour.path("start").asText())
                .isCloseTo(hour.path("pgeKwh").asDouble(), within(Math.max(0.01 * hour.path("pgeKwh").asDouble(), REGISTER_KWH))));

        for (String source : List.of("emu2", "pge")) {
            JsonNode baseline = report(store, source).path("baseline");
            assertThat(baseline.path("source").asText()).isEqualTo(source);
            assertThat(baseline.path("nights").asInt()).as("nights measured on %s", source).isGreaterThanOrEqualTo(2);
            assertThat(baseline.path("medianWatts").asDouble()).as("always-on load on %s", source).isCloseTo(ALWAYS_ON_WATTS, within(5.0));
        }
        assertThat(summary.alwaysOn()).as("the demo's summary gives the report's figure")
                .hasValueSatisfying(b -> assertThat(b.medianWatts()).as("JSON rounds to 0.1 W")
                        .isCloseTo(auto.path("baseline").path("medianWatts").asDouble(), within(0.05)));
    }

    private DemoRun.Summary run(Duration duration, Instant end, double speed, int backfillDays, ByteArrayOutputStream shown)
            throws Exception {
        DemoRun.Settings settings = new DemoRun.Settings(dir, duration, end, speed, SEED, backfillDays, DemoRun.Progress.LOG, 80,
                false, Optional.of(dir.resolve("emu2-journal.jsonl")));
        return new DemoRun(settings, new PrintStream(shown, true, StandardCharsets.UTF_8), Interruption.none()).run();
    }

    /** {@code metertap report --format json} on the demo's store, as a user runs it. */
    private static JsonNode report(Path store, String source) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = MetertapCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("report", "--store", store.toString(), "--source", source, "--format", "json");
        assertThat(exit).as("report --source %s: %s", source, err).isZero();
        return JSON.readTree(out.toString());
    }

    private void assertStoredWhatTheDeviceWrote(DemoRun.Summary summary, String log, String duration) throws Exception {
        DeviceJournal journal = DeviceJournal.read(dir.resolve("emu2-journal.jsonl"));
        assertThat(DemoCommand.exitCode(summary)).as("exit status, seed %d; shown:%n%s%s", SEED, log, summary).isZero();
        assertThat(summary.backfill()).hasValueSatisfying(backfill -> assertThat(backfill.readings()).isPositive());
        Set<String> expected = journal.wholeDemands();
        Set<String> stored = StoredPoints.demands(summary.files().store());
        assertThat(expected).as("whole demand fragments in the journal").isNotEmpty();
        assertThat(stored).as("demand readings in the store against the journal, seed %d", SEED).isEqualTo(expected);
        assertThat(summary.clobbered()).as("the device cut writes short").isEqualTo(journal.notWhole());

        List<String> allStored = StoredPoints.lines(summary.files().store());
        List<String> sunk = Files.readAllLines(summary.files().points());
        // a point stored again under its key (a night's always-on load measured again once PG&E's data came) is
        // written again, as InfluxDB is sent it again, and the last one stands
        Map<String, String> lastSunk = new HashMap<>();
        sunk.forEach(line -> lastSunk.put(StoredPoints.naturalKey(line), line));
        assertThat(Set.copyOf(lastSunk.values())).as("what the stdout sink wrote: everything stored").isEqualTo(Set.copyOf(allStored));
        assertThat(StoredPoints.count(summary.files().store(), "pge_interval")).as("PG&E intervals stored").isPositive();

        assertThat(log.lines().findFirst()).hasValueSatisfying(first -> assertThat(first).startsWith("metertap demo: " + duration));
        assertThat(log).as("status lines for a log, not rewritten in place").doesNotContain("\r");
        assertThat(log.lines().skip(1).collect(Collectors.toList())).isNotEmpty()
                .allMatch(line -> line.contains(" kW") && line.length() < 80).last().asString().contains("PG&E " + summary.backfill().orElseThrow().readings() + " intervals");
    }

    @Test
    void eachRunStartsWithAnEmptyStoreUnlessToldToKeepIt() throws Exception {
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        Path third = dir.resolve("third.jsonl");
        run(3, false, first);
        // what an earlier collector that did not stop cleanly leaves besides the store itself
        Files.writeString(dir.resolve("metertap.db.lock"), "4242\n");
        DemoRun.Summary summary = run(4, false, second);

        assertThat(StoredPoints.demands(summary.files().store())).as("only the second run's household, seed 4")
                .isEqualTo(DeviceJournal.read(second).wholeDemands());
        // the store's writer lock file stays (the lock is the OS's, the file only names its holder): the stale one is gone
        assertThat(Files.readString(dir.resolve("metertap.db.lock"))).doesNotContain("4242");

        summary = run(5, true, third);
        Set<String> both = new HashSet<>(DeviceJournal.read(second).wholeDemands());
        both.addAll(DeviceJournal.read(third).wholeDemands());
        assertThat(StoredPoints.demands(summary.files().store())).as("the second and the kept third run, seeds 4 and 5")
                .isEqualTo(both);
    }

    private DemoRun.Summary run(long seed, boolean keepStore, Path journal) throws Exception {
        DemoRun.Settings settings = new DemoRun.Settings(dir, Duration.ofMinutes(2), NOW, 3600, seed, 1, DemoRun.Progress.LOG, 80,
                keepStore, Optional.of(journal));
        DemoRun.Summary summary = new DemoRun(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Interruption.none()).run();
        assertThat(DemoCommand.exitCode(summary)).as("exit status, seed %d: %s", seed, summary).isZero();
        return summary;
    }
}
