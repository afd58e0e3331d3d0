package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressBarTest {

    private static final TimeWindow FIRST = new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"));
    private static final TimeWindow SECOND = new TimeWindow(FIRST.to(), FIRST.to().plus(Duration.ofDays(181)));

    /** How many '#' each frame's bar holds, frame by frame. */
    private static List<Integer> filled(String written) {
        return Arrays.stream(written.split("\r")).filter(frame -> frame.startsWith("["))
                .map(frame -> (int) frame.substring(0, frame.indexOf(']')).chars().filter(c -> c == '#').count()).toList();
    }

    @Test
    void redrawsOneLineAndEndsItWhenDone() {
        FakeTerminal terminal = new FakeTerminal(132);
        TerminalProgressBar bar = new TerminalProgressBar(terminal.writer, 132);

        bar.planned(2);
        bar.requesting(FIRST, 2);
        bar.ended(FIRST, WindowOutcome.STORED, 12_345);
        bar.done();

        String[] frames = terminal.written().split("\r");
        assertThat(frames).anyMatch(frame -> frame.contains("0/2 windows") && frame.contains("asking again for 2025-01-01..2025-07-01"));
        assertThat(frames[frames.length - 1]).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]  50%  1/2 windows  12,345 readings")
                .endsWith(System.lineSeparator());
        assertThat(terminal.written()).doesNotContain("\n[");
        assertThat(terminal.screen()).hasSize(1);
    }

    @Test
    void movesWithEachStoredResourceOfEachWindowInFlight() {
        FakeTerminal terminal = new FakeTerminal(100); // a 30-column bar: 5 columns per resource of 2 windows × 3
        TerminalProgressBar bar = new TerminalProgressBar(terminal.writer, 100);

        bar.planned(2);
        bar.requesting(FIRST, 1);
        bar.requesting(SECOND, 1);
        bar.resourceStored(SECOND, 1, 3, 100);
        bar.resourceStored(FIRST, 1, 3, 200);
        bar.resourceStored(FIRST, 2, 3, 300);
        bar.resourceStored(FIRST, 3, 3, 400);
        bar.ended(FIRST, WindowOutcome.STORED, 400);
        bar.resourceStored(SECOND, 2, 3, 500);
        bar.resourceStored(SECOND, 3, 3, 600);
        bar.ended(SECOND, WindowOutcome.STORED, 600);

        assertThat(filled(terminal.written())).containsExactly(0, 0, 0, 5, 10, 15, 20, 20, 25, 30, 30);
        assertThat(terminal.screen()).singleElement().asString().startsWith("[" + "#".repeat(30) + "] 100%  2/2 windows  600 readings");
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 40, 60, 80, 132})
    void neverWiderThanTheTerminalSoItIsRedrawnInPlace(int columns) {
        FakeTerminal terminal = new FakeTerminal(columns);
        TerminalProgressBar bar = new TerminalProgressBar(terminal.writer, columns);

        bar.planned(12);
        bar.requesting(FIRST, 3);
        bar.resourceStored(FIRST, 1, 3, 123_456_789);
        bar.ended(SECOND, WindowOutcome.INCOMPLETE, 123_456_789);

        assertThat(Arrays.stream(terminal.written().split("\r")).filter(frame -> !frame.isBlank()))
                .allSatisfy(frame -> assertThat(frame.length()).isLessThan(columns));
        assertThat(terminal.screen()).as("one line, never wrapped").hasSize(1);
        assertThat(terminal.screen().get(0)).startsWith("[");
        if (columns >= 40) {
            assertThat(terminal.screen().get(0)).contains("1/12 windows");
        }
    }

    @Test
    void aLogLineAppearsWholeOnItsOwnLineAndTheBarIsDrawnAgainBelowIt() {
        FakeTerminal terminal = new FakeTerminal(132);
        TerminalProgressBar bar = new TerminalProgressBar(terminal.writer, 132);
        PrintStream logs = bar.beneath(terminal.stream);

        bar.planned(3);
        bar.requesting(FIRST, 1);
        logs.println("2026-12-03T11:00:00.000Z [WARN] Backfill - backfill: no complete answer for a window; asking again");
        logs.print("2026-12-03T11:00:01.000Z [INFO] ");
        logs.println("Notifier - a line written in two pieces");
        bar.resourceStored(FIRST, 1, 3, 42);

        // each log line is shorter than the bar's: had the bar not been cleared first, its end would show after them
        assertThat(terminal.screen()).hasSize(3);
        assertThat(terminal.screen().get(0))
                .isEqualTo("2026-12-03T11:00:00.000Z [WARN] Backfill - backfill: no complete answer for a window; asking again");
        assertThat(terminal.screen().get(1)).isEqualTo("2026-12-03T11:00:01.000Z [INFO] Notifier - a line written in two pieces");
        assertThat(terminal.screen().get(2)).startsWith("[").contains("0/3 windows  42 readings  stored 1/3 of 2025-01-01");

        bar.done();
        logs.println("after the backfill");
        assertThat(terminal.screen().get(terminal.screen().size() - 1)).isEqualTo("after the backfill");
        assertThat(terminal.screen().get(terminal.screen().size() - 2)).startsWith("[");
    }
}
