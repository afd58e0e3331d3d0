package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowsTest {

    private static TimeWindow days(int from, int to) {
        Instant epoch = Instant.parse("2025-01-01T00:00:00Z");
        return new TimeWindow(epoch.plus(Duration.ofDays(from)), epoch.plus(Duration.ofDays(to)));
    }

    @Test
    void remainingLeavesOutWhatIsDoneEvenWhenItOverlapsOrSpillsOver() {
        assertThat(Windows.remaining(days(0, 100), List.of(days(-5, 10), days(20, 30), days(25, 40), days(90, 120))))
                .containsExactly(days(10, 20), days(40, 90));
        assertThat(Windows.remaining(days(0, 10), List.of(days(0, 10)))).isEmpty();
        assertThat(Windows.remaining(days(0, 10), List.of())).containsExactly(days(0, 10));
    }

    @Test
    void splitCutsIntoTheFewestEqualPieces() {
        assertThat(Windows.split(List.of(days(0, 30)), Duration.ofDays(10))).containsExactly(days(0, 10), days(10, 20), days(20, 30));
        assertThat(Windows.split(List.of(days(0, 21)), Duration.ofDays(10)))
                .extracting(TimeWindow::length).containsOnly(Duration.ofDays(7));
        assertThat(Windows.split(List.of(days(0, 1)), Duration.ofDays(10))).containsExactly(days(0, 1));
    }

    @Test
    void mergedJoinsNeighboursWithinTheBridge() {
        assertThat(Windows.merged(List.of(days(20, 21), days(0, 1), days(3, 4)), Duration.ofDays(2)))
                .containsExactly(days(0, 4), days(20, 21));
    }

    @Test
    void atLeastGrowsAroundTheWindowWithinTheRange() {
        assertThat(Windows.atLeast(days(5, 6), Duration.ofDays(3), days(0, 10))).isEqualTo(days(4, 7));
        assertThat(Windows.atLeast(days(0, 1), Duration.ofDays(3), days(0, 10))).isEqualTo(days(0, 2));
    }
}
