package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.time.Duration;
import java.util.List;

/**
 * The holes in one stored series of a usage point within a range.
 *
 * @param commodity        {@code electricity} or {@code gas}; {@code none} when the usage point has nothing stored
 * @param flow             {@code delivered} or {@code received}; {@code none} likewise
 * @param stored           intervals stored in the range
 * @param missingIntervals whole intervals missing between, before and after the stored ones
 * @param gaps             the missing spans, in order
 */
public record SeriesGaps(String usagePoint, String commodity, String flow, long stored, long missingIntervals,
                         List<TimeWindow> gaps) {

    public SeriesGaps {
        gaps = List.copyOf(gaps);
    }

    public double missingDays() {
        return gaps.stream().map(TimeWindow::length).reduce(Duration.ZERO, Duration::plus).toSeconds() / 86_400.0;
    }
}
