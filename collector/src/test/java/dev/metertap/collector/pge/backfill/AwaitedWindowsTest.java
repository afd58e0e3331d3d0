package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.metertap.collector.pge.backfill.WindowCoverageTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Several windows awaited at once: which one each resource answers, told from its data alone. */
class AwaitedWindowsTest {

    /** 08:00Z: Pacific midnight in winter, so a PG&E answer starts 8 h before a window starting at noon Pacific. */
    private static final Instant FROM = Instant.parse("2025-01-01T20:00:00Z");
    private static final TimeWindow FIRST = new TimeWindow(FROM, FROM.plus(Duration.ofDays(10)));
    private static final TimeWindow SECOND = new TimeWindow(FIRST.to(), FIRST.to().plus(Duration.ofDays(10)));
    private static final TimeWindow THIRD = new TimeWindow(SECOND.to(), SECOND.to().plus(Duration.ofDays(2)));

    private static AwaitedWindows awaiting(List<String> usagePoints, TimeWindow... windows) {
        AwaitedWindows awaited = new AwaitedWindows(usagePoints);
        for (TimeWindow window : windows) {
            awaited.add(window, 1, 0);
        }
        return awaited;
    }

    /** PG&E's answer to {@code window}: hourly readings over whole days from the local day of its start to that of its end. */
    private static ResourceTally answer(String usagePoint, TimeWindow window) {
        List<Instant> starts = new ArrayList<>();
        Instant localMidnight = window.from().minus(Duration.ofHours(12)); // 08:00Z, the local day of a 20:00Z start
        for (Instant start = localMidnight; start.isBefore(window.to().plus(Duration.ofHours(12))); start = start.plus(Duration.ofHours(1))) {
            starts.add(start);
        }
        return resource(usagePoint, starts.toArray(Instant[]::new));
    }

    private static List<TimeWindow> windows(List<AwaitedWindows.Awaited> credited) {
        return credited.stream().map(AwaitedWindows.Awaited::window).toList();
    }

    @Test
    void eachAnswerCountsForItsOwnWindowThoughItStartsInsideThePreviousOne() {
        AwaitedWindows awaited = awaiting(List.of("1"), FIRST, SECOND, THIRD);

        assertThat(windows(awaited.credit(answer("1", SECOND)))).containsExactly(SECOND);
        assertThat(windows(awaited.credit(answer("1", THIRD)))).containsExactly(THIRD);
        assertThat(windows(awaited.credit(answer("1", FIRST)))).containsExactly(FIRST);
        assertThat(awaited.all()).allSatisfy(window -> assertThat(window.coverage().complete()).isTrue());
    }

    @Test
    void aWindowIsCompleteOnlyOnceEachOfItsUsagePointsIsAnsweredWhateverTheOthersGet() {
        AwaitedWindows awaited = awaiting(List.of("1", "2"), FIRST, SECOND);

        awaited.credit(answer("1", FIRST));
        awaited.credit(answer("2", SECOND));
        awaited.credit(answer("1", SECOND));

        assertThat(awaited.all()).extracting(window -> window.coverage().complete()).containsExactly(false, true);
        assertThat(awaited.all().get(0).coverage().answered()).isEqualTo(1);
    }

    @Test
    void anAnswerToNoAwaitedWindowCountsForNone() {
        AwaitedWindows awaited = awaiting(List.of("1"), SECOND, THIRD);

        assertThat(awaited.credit(answer("1", FIRST))).isEmpty();
        assertThat(awaited.all()).noneSatisfy(window -> assertThat(window.coverage().complete()).isTrue());
    }

    @Test
    void anEmptyResourceCountsForTheWindowAskedForFirst() {
        AwaitedWindows awaited = awaiting(List.of("1", "2"), FIRST, SECOND);

        assertThat(windows(awaited.credit(resource("2")))).containsExactly(FIRST);
        awaited.credit(answer("1", SECOND));
        awaited.credit(answer("1", FIRST));

        assertThat(awaited.all()).extracting(window -> window.coverage().complete()).containsExactly(true, false);
    }
}
