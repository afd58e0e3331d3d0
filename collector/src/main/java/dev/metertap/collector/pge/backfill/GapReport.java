package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the store lacks in a range, per usage point, commodity and flow. */
public record GapReport(TimeWindow range, List<SeriesGaps> series) {

    public GapReport {
        series = List.copyOf(series);
    }

    public boolean complete() {
        return series.stream().allMatch(s -> s.gaps().isEmpty());
    }

    public long missingIntervals() {
        return series.stream().mapToLong(SeriesGaps::missingIntervals).sum();
    }

    /** Every gap of every series, joined where they overlap or touch: what an audit asks for again. */
    public List<TimeWindow> windows() {
        List<TimeWindow> all = new ArrayList<>();
        series.forEach(s -> all.addAll(s.gaps()));
        return Windows.merged(all, Duration.ZERO);
    }
}
