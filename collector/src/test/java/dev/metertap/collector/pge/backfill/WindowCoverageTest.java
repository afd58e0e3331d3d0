package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowCoverageTest {

    private static final Instant FROM = Instant.parse("2025-03-01T08:00:00Z");
    private static final TimeWindow WINDOW = new TimeWindow(FROM, FROM.plus(Duration.ofDays(30)));

    private static ResourceTally resource(String usagePoint, Instant... starts) {
        ResourceTally tally = new ResourceTally(reading -> { });
        for (Instant start : starts) {
            tally.accept(ScriptedBulkService.reading(usagePoint, start));
        }
        return tally;
    }

    @Test
    void completeOnceEveryUsagePointAnswered() {
        WindowCoverage coverage = new WindowCoverage(WINDOW, List.of("1", "2"));
        coverage.add(resource("1", FROM.minus(Duration.ofHours(8)), FROM));
        assertThat(coverage.complete()).isFalse();
        coverage.add(resource("2", FROM.plus(Duration.ofDays(3))));
        assertThat(coverage.complete()).isTrue();
    }

    @Test
    void aLateAnswerToAnEarlierWindowDoesNotCount() {
        WindowCoverage coverage = new WindowCoverage(WINDOW, List.of("1"));
        coverage.add(resource("1", FROM.minus(Duration.ofDays(30)), FROM.plus(Duration.ofHours(3))));
        assertThat(coverage.complete()).isFalse();
    }

    @Test
    void anAnswerForALaterWindowDoesNotCount() {
        WindowCoverage coverage = new WindowCoverage(WINDOW, List.of("1"));
        coverage.add(resource("1", WINDOW.to()));
        assertThat(coverage.complete()).isFalse();
    }

    @Test
    void anEmptyResourceStandsForAUsagePointWithoutDataOnceAnotherAnswered() {
        WindowCoverage coverage = new WindowCoverage(WINDOW, List.of("1", "2"));
        coverage.add(resource("2"));
        assertThat(coverage.complete()).as("only empty answers: maybe an outage's empty feed").isFalse();
        coverage.add(resource("1", FROM));
        assertThat(coverage.complete()).isTrue();
    }
}
