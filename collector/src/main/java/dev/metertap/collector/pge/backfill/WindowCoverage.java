package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which usage points of a requested window have been answered. Notifications carry no window, so the data decides
 * ({@link AwaitedWindows}): PG&E answers with whole local days from the day of the window's start, so a resource
 * that answers the window has its earliest interval within a local day (at most 25 h, with margin 26 h) before the
 * window's start. A late resource of an earlier window (at least {@link Backfill#MIN_WINDOW} long) starts before
 * that and does not count; its data is stored all the same.
 */
final class WindowCoverage {

    static final Duration LOCAL_DAY_MARGIN = Duration.ofHours(26);

    private final TimeWindow window;
    private final Set<String> expected;
    private final Set<String> covered = new HashSet<>();
    private int emptyResources;

    WindowCoverage(TimeWindow window, List<String> usagePoints) {
        this.window = window;
        this.expected = Set.copyOf(usagePoints);
    }

    /** Whether a usage point's data whose earliest interval starts at {@code earliest} may answer this window. */
    boolean couldAnswer(Instant earliest) {
        return !earliest.isBefore(window.from().minus(LOCAL_DAY_MARGIN)) && earliest.isBefore(window.to());
    }

    /** How much of {@code [from, to)} lies in this window: of two windows a resource could answer, it answers the one it fills. */
    Duration overlap(Instant from, Instant to) {
        Instant start = from.isAfter(window.from()) ? from : window.from();
        Instant end = to.isBefore(window.to()) ? to : window.to();
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }

    void cover(String usagePoint) {
        covered.add(usagePoint);
    }

    /** A usage point without data in the window still gets its (empty) resource. */
    void addEmpty() {
        emptyResources++;
    }

    /** Every usage point answered, or answered but for as many empty resources as are missing. */
    boolean complete() {
        long missing = expected.stream().filter(id -> !covered.contains(id)).count();
        return missing == 0 || (!covered.isEmpty() && emptyResources >= missing);
    }

    /** Usage points answered, an empty resource counting for one (what the progress bar shows). */
    int answered() {
        long answered = expected.stream().filter(covered::contains).count() + emptyResources;
        return (int) Math.min(expected.size(), answered);
    }

    int expected() {
        return expected.size();
    }

    Set<String> covered() {
        return Set.copyOf(covered);
    }
}
