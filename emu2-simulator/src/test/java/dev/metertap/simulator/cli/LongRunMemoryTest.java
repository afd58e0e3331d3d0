package dev.metertap.simulator.cli;

import dev.metertap.simulator.Emu2Simulator;
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

    /** The in-memory journal's bound with its trimming slack (a quarter over the CLI's setting). */
    private static final int MAX_IN_MEMORY = SimulatorCommand.JOURNAL_IN_MEMORY + SimulatorCommand.JOURNAL_IN_MEMORY / 4;

    @Test
    void twoSimulatedWeeksWithClobberingKeepTheInMemoryJournalWithinItsBudget() throws Exception {
        SimulatorCommand options = new SimulatorCommand();
        new CommandLine(options).parseArgs("--no-pty", "--seed", "12", "--fault", "clobber=0.1", "--start", "2024-06-01T12:00:00Z");
        try (Emu2Simulator sim = options.builder().manualTime().build().start()) {
            Journal journal = sim.journal();
            long largestInMemory = 0;
            for (int hour = 0; hour < 14 * 24; hour++) {
                sim.advance(Duration.ofHours(1));
                largestInMemory = Math.max(largestInMemory, journal.entries().size());
            }

            assertThat(journal.size()).as("entries ever journalled").isGreaterThan(125_000);
            assertThat(largestInMemory).as("entries in memory, at most").isLessThanOrEqualTo(MAX_IN_MEMORY);
            List<JournalEntry> kept = journal.entries();
            // what is kept is the newest stretch, without gaps, up to the last entry
            assertThat(kept.get(kept.size() - 1).sequence()).isEqualTo(journal.size());
            assertThat(kept.get(0).sequence()).isEqualTo(journal.size() - kept.size() + 1);
            assertThat(journal.entriesAfter(journal.size() - 3)).hasSize(3);
        }
    }
}
