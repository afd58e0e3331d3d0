package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the resources fetched since a window was requested answer that request. Notifications carry no window,
 * so the data decides: PG&E answers with whole local days from the day of the window's start, so a resource that
 * answers the window has its earliest interval within a local day (at most 25 h, with margin 26 h) before the
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

    void add(ResourceTally resource) {
        if (resource.readings() == 0) {
            // a usage point without data in the window still gets its (empty) resource
            emptyResources++;
            return;
        }
        Instant earliestAccepted = window.from().minus(LOCAL_DAY_MARGIN);
        for (String usagePoint : resource.usagePoints()) {
            Instant earliest = resource.earliest(usagePoint);
            if (!earliest.isBefore(earliestAccepted) && earliest.isBefore(window.to())) {
                covered.add(usagePoint);
            }
        }
    }

    /** Every usage point answered, or answered but for as many empty resources as are missing. */
    boolean complete() {
        long missing = expected.stream().filter(id -> !covered.contains(id)).count();
        return missing == 0 || (!covered.isEmpty() && emptyResources >= missing);
    }

    Set<String> covered() {
        return Set.copyOf(covered);
    }
}
