package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Arithmetic on sets of windows: what is left of a range, merging near neighbours. */
final class Windows {

    private Windows() {
    }

    /** The parts of {@code range} that none of {@code done} covers, in order. */
    static List<TimeWindow> remaining(TimeWindow range, List<TimeWindow> done) {
        List<TimeWindow> left = new ArrayList<>();
        Instant cursor = range.from();
        for (TimeWindow window : merged(done, Duration.ZERO)) {
            if (!window.to().isAfter(cursor)) {
                continue;
            }
            if (!window.from().isBefore(range.to())) {
                break;
            }
            if (window.from().isAfter(cursor)) {
                left.add(new TimeWindow(cursor, window.from()));
            }
            cursor = window.to();
        }
        if (cursor.isBefore(range.to())) {
            left.add(new TimeWindow(cursor, range.to()));
        }
        return left;
    }

    /** The union of {@code windows}, joining those less than {@code bridge} apart, in order. */
    static List<TimeWindow> merged(List<TimeWindow> windows, Duration bridge) {
        List<TimeWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(TimeWindow::from));
        List<TimeWindow> merged = new ArrayList<>();
        for (TimeWindow window : sorted) {
            TimeWindow last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !window.from().isAfter(last.to().plus(bridge))) {
                Instant to = window.to().isAfter(last.to()) ? window.to() : last.to();
                merged.set(merged.size() - 1, new TimeWindow(last.from(), to));
            } else {
                merged.add(window);
            }
        }
        return merged;
    }

    /**
     * Each window cut into the fewest equal pieces of at most {@code size} (equal, so no sliver of a day is left
     * at the end to cost a request and a wait of its own).
     */
    static List<TimeWindow> split(List<TimeWindow> windows, Duration size) {
        List<TimeWindow> pieces = new ArrayList<>();
        for (TimeWindow window : windows) {
            long seconds = window.length().toSeconds();
            long count = Math.max(1, (seconds + size.toSeconds() - 1) / size.toSeconds());
            Instant start = window.from();
            for (long i = 1; i <= count; i++) {
                Instant end = i == count ? window.to() : window.from().plusSeconds(seconds * i / count);
                pieces.add(new TimeWindow(start, end));
                start = end;
            }
        }
        return pieces;
    }

    /** {@code window} grown symmetrically to at least {@code minimum}, never beyond {@code range}. */
    static TimeWindow atLeast(TimeWindow window, Duration minimum, TimeWindow range) {
        if (window.length().compareTo(minimum) >= 0) {
            return window;
        }
        Duration grow = minimum.minus(window.length()).dividedBy(2);
        Instant from = window.from().minus(grow);
        Instant to = window.to().plus(grow);
        return new TimeWindow(from.isBefore(range.from()) ? range.from() : from, to.isAfter(range.to()) ? range.to() : to);
    }
}
