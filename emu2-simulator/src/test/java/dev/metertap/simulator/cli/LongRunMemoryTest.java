package dev.metertap.simulator.cli;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.journal.EventEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI runs for as long as it is left running, so what it keeps in memory must not grow with the
 * run. It used to keep the last 100,000 journal entries (up to 125,000 before trimming), about 90 MB
 * of heap: with {@code -Xmx64m} it died of OutOfMemoryError after about 190 simulated hours.
 */
class LongRunMemoryTest {

    /** The in-memory journal's budget with its trimming slack (a quarter over the CLI's budget). */
    private static final long MAX_RETAINED_BYTES = SimulatorCommand.JOURNAL_IN_MEMORY_BYTES + SimulatorCommand.JOURNAL_IN_MEMORY_BYTES / 4;

    @Test
    void twoSimulatedWeeksWithClobberingKeepTheInMemoryJournalWithinItsBudget() throws Exception {
        SimulatorCommand options = new SimulatorCommand();
        new CommandLine(options).parseArgs("--no-pty", "--seed", "12", "--fault", "clobber=0.1", "--start", "2024-06-01T12:00:00Z");
        try (Emu2Simulator sim = options.builder().manualTime().build().start()) {
            Journal journal = sim.journal();
            long largestInMemory = 0;
            long mostBytes = 0;
            for (int hour = 0; hour < 14 * 24; hour++) {
                sim.advance(Duration.ofHours(1));
                largestInMemory = Math.max(largestInMemory, journal.entries().size());
                mostBytes = Math.max(mostBytes, journal.retainedBytes());
            }

            assertThat(journal.size()).as("entries ever journalled").isGreaterThan(125_000);
            assertThat(mostBytes).as("estimated bytes held by the in-memory journal, at most")
                    .isPositive().isLessThanOrEqualTo(MAX_RETAINED_BYTES);
            // a structural bound too: each entry holds its wire bytes, so the budget caps the count
            assertThat(largestInMemory).as("entries in memory, at most").isLessThan(25_000);
            List<JournalEntry> kept = journal.entries();
            long wireBytesKept = kept.stream().mapToLong(LongRunMemoryTest::wireBytes).sum();
            assertThat(wireBytesKept).isLessThanOrEqualTo(MAX_RETAINED_BYTES);
            // what is kept is the newest stretch, without gaps, up to the last entry
            assertThat(kept.get(kept.size() - 1).sequence()).isEqualTo(journal.size());
            assertThat(kept.get(0).sequence()).isEqualTo(journal.size() - kept.size() + 1);
            assertThat(journal.entriesAfter(journal.size() - 3)).hasSize(3);
        }
    }

    private static long wireBytes(JournalEntry entry) {
        if (entry instanceof FragmentEntry f) {
            return f.bytes().length;
        }
        return entry instanceof EventEntry e ? e.bytes().length : 0;
    }
}
