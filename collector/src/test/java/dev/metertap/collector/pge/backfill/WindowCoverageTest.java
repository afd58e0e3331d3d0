package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One window awaited alone: each resource is credited to it or to none. */
class WindowCoverageTest {

    private static final Instant FROM = Instant.parse("2025-03-01T08:00:00Z");
    private static final TimeWindow WINDOW = new TimeWindow(FROM, FROM.plus(Duration.ofDays(30)));

    static ResourceTally resource(String usagePoint, Instant... starts) {
        ResourceTally tally = new ResourceTally(reading -> { });
        for (Instant start : starts) {
            tally.accept(ScriptedBulkService.reading(usagePoint, start));
        }
        return tally;
    }

    private static AwaitedWindows awaiting(String... usagePoints) {
        AwaitedWindows awaited = new AwaitedWindows(List.of(usagePoints));
        awaited.add(WINDOW, 1, 0);
        return awaited;
    }

    private static boolean complete(AwaitedWindows awaited) {
        return awaited.all().get(0).coverage().complete();
    }

    @Test
    void completeOnceEveryUsagePointAnswered() {
        AwaitedWindows coverage = awaiting("1", "2");
        coverage.credit(resource("1", FROM.minus(Duration.ofHours(8)), FROM));
        assertThat(complete(coverage)).isFalse();
        coverage.credit(resource("2", FROM.plus(Duration.ofDays(3))));
        assertThat(complete(coverage)).isTrue();
    }

    @Test
    void aLateAnswerToAnEarlierWindowDoesNotCount() {
        AwaitedWindows coverage = awaiting("1");
        assertThat(coverage.credit(resource("1", FROM.minus(Duration.ofDays(30)), FROM.plus(Duration.ofHours(3))))).isEmpty();
        assertThat(complete(coverage)).isFalse();
    }

    @Test
    void anAnswerForALaterWindowDoesNotCount() {
        AwaitedWindows coverage = awaiting("1");
        assertThat(coverage.credit(resource("1", WINDOW.to()))).isEmpty();
        assertThat(complete(coverage)).isFalse();
    }

    @Test
    void anEmptyResourceStandsForAUsagePointWithoutDataOnceAnotherAnswered() {
        AwaitedWindows coverage = awaiting("1", "2");
        coverage.credit(resource("2"));
        assertThat(complete(coverage)).as("only empty answers: maybe an outage's empty feed").isFalse();
        coverage.credit(resource("1", FROM));
        assertThat(complete(coverage)).isTrue();
    }
}
