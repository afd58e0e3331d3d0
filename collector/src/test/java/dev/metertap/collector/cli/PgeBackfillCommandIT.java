package dev.metertap.collector.cli;

import dev.metertap.collector.pge.MockedUtility;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.BulkWindowLimit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metertap pge backfill} in-process against pge-mock: configured from the mock's kit, notified over HTTPS. */
class PgeBackfillCommandIT {

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-01T00:00:00Z");

    @TempDir
    static Path dir;
    private static MockedUtility utility;
    private static PgeMock pge;
    private static Path config;

    @BeforeAll
    static void start() throws IOException {
        utility = new MockedUtility(dir).pace(Duration.ofSeconds(1));
        pge = utility.started();
        config = Files.writeString(dir.resolve("metertap.yaml"), "store: {path: " + dir.resolve("data/metertap.db") + "}\n"
                + utility.pgeSection());
    }

    @AfterAll
    static void stop() {
        utility.close();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void backfillsThenResumesWithNothingLeftThenAuditsWithNothingMissing() {
        String[] range = {"--from", "2025-01-01", "--to", "2025-03-01", "-c", config.toString(), "--notification-timeout", "10s"};

        Run first = run(concat(new String[] {"pge", "backfill"}, range));
        assertThat(first.status()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("backfill 2025-01-01T00:00:00Z..2025-03-01T00:00:00Z (Bulk ID 50098")
                .contains("windows        1 requested, 0 re-requested").contains("gaps           none")
                .contains("5550000101 electricity received").contains("5550000102 gas delivered")
                .doesNotContain(pge.credentials().clientSecret());
        try (Store store = Store.open(dir.resolve("data/metertap.db"))) {
            for (UsagePointSpec point : pge.model().usagePoints()) {
                long stored = store.query(new PointQuery(IntervalReading.MEASUREMENT, Map.of("usage_point", point.id()), FROM, TO)).size();
                assertThat(stored).as(point.id()).isEqualTo(pge.model().trueIntervals(point.id(), FROM, TO).count());
            }
        }

        Run again = run(concat(new String[] {"pge", "backfill"}, range));
        assertThat(again.status()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("windows        0 requested").contains("(1 finished by earlier runs)");

        Run audit = run(concat(new String[] {"pge", "backfill", "--audit"}, range));
        assertThat(audit.status()).as(audit.out() + audit.err()).isZero();
        assertThat(audit.out()).startsWith("audit ").contains("windows        0 requested").contains("gaps           none");
    }

    @Test
    void windowsRefusedAsTooLargeEvenAtTheSmallestSizeAreNamedAndNotBlamedOnTime() {
        pge.faults().largestBulkWindow(BulkWindowLimit.of(Duration.ofDays(1)));
        try {
            Run run = run("pge", "backfill", "--from", "2024-06-01", "--to", "2024-06-05", "-c", config.toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains("0 incomplete, 2 refused as too large");
            assertThat(run.err()).contains("PG&E refuses 2 window(s) as too large even at 48 hours")
                    .contains("asking again will not help").doesNotContain("run the same command again");
        } finally {
            pge.faults().clear();
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedPlainly() {
        Run run = run("pge", "backfill", "--from", "2025-03-01", "--to", "2025-01-01", "-c", config.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--from (2025-03-01T00:00:00Z) must be before --to (2025-01-01T00:00:00Z)");
    }

    @Test
    void withoutAPgeSectionItSaysWhatIsMissing() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "store: {path: " + dir.resolve("empty.db") + "}\n");
        Run run = run("pge", "backfill", "--from", "2025-01-01", "--to", "2025-02-01", "-c", empty.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no 'pge:' section");
    }

    @Test
    void aBackfillWhileACollectorWritesTheStoreSaysWhatToDoInstead() {
        Path db = dir.resolve("data/metertap.db");
        int requestsBefore = pge.journal().requests().size();
        Run run;
        try (Store collector = Store.open(db, Store.COLLECTOR)) {
            run = run("pge", "backfill", "--from", "2025-01-01", "--to", "2025-03-01", "-c", config.toString());
        }
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("metertap: the store " + db.toAbsolutePath() + " is in use by process " + ProcessHandle.current().pid()
                        + " (metertap run, since ")
                .endsWith("), a running collector; stop it first (sudo systemctl stop metertap) and start it again after the "
                        + "backfill, or, for the last few days only, let it fetch them itself (schedule.pge-daily-bulk-at)");
        assertThat(pge.journal().requests()).as("PG&E was not asked").hasSize(requestsBefore);
    }

    @Test
    void helpShowsExamples() {
        Run run = run("pge", "backfill", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--audit").contains("--from").contains("Examples:")
                .contains("metertap pge backfill --from 2022-12-01 --to 2026-12-01");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
