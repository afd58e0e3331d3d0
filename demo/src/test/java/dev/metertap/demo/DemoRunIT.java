package dev.metertap.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo runs of every length the demo accepts, from a minute (at the default speed, where the device used to run
 * out before the collector had opened the port) to days: each finishes, and the store holds exactly the demand
 * readings the virtual EMU-2's journal says it wrote whole, and the sink got everything the store holds.
 */
class DemoRunIT {

    private static final long SEED = 7;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1}x")
    @CsvSource({"1m, 3600", "2m, 3600", "5m, 3600", "2h, 36000", "3d, 50000"})
    void storesEveryWholeDemandReadingTheDeviceWroteAndFinishes(String duration, double speed) throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        DemoRun.Settings settings = new DemoRun.Settings(dir, new dev.metertap.collector.cli.DurationConverter().convert(duration),
                speed, SEED, 1, DemoRun.Progress.LOG, 80, false, Optional.of(dir.resolve("emu2-journal.jsonl")));
        DemoRun.Summary summary = new DemoRun(settings, new PrintStream(shown, true, StandardCharsets.UTF_8), Interruption.none())
                .run();
        DeviceJournal journal = DeviceJournal.read(dir.resolve("emu2-journal.jsonl"));
        String log = shown.toString(StandardCharsets.UTF_8);

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
        DemoRun.Settings settings = new DemoRun.Settings(dir, Duration.ofMinutes(2), 3600, seed, 1, DemoRun.Progress.LOG, 80,
                keepStore, Optional.of(journal));
        DemoRun.Summary summary = new DemoRun(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Interruption.none()).run();
        assertThat(DemoCommand.exitCode(summary)).as("exit status, seed %d: %s", seed, summary).isZero();
        return summary;
    }
}
