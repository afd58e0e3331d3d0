package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the missing intervals of stored PG&E series. Each stored interval says where the next one should start
 * (its start plus its own length, so a 23- or 25-hour gas day needs no calendar); a hole is counted only when at
 * least one whole interval fits in it (give or take an hour for a daily series across DST), so a range starting
 * hours before the first gas day, which starts at local midnight plus one second, has no gap.
 */
public final class GapFinder {

    private final Store store;

    public GapFinder(Store store) {
        this.store = store;
    }

    public GapReport find(List<String> usagePoints, TimeWindow range) {
        List<SeriesGaps> all = new ArrayList<>();
        for (String usagePoint : usagePoints) {
            Map<String, SeriesScan> series = new TreeMap<>();
            store.scan(new PointQuery(IntervalReading.MEASUREMENT, Map.of("usage_point", usagePoint), range.from(), range.to()),
                    point -> series.computeIfAbsent(tag(point, "commodity") + " " + tag(point, "flow"),
                            key -> new SeriesScan(range)).add(point.time(), Long.parseLong(tag(point, "interval_s"))));
            if (series.isEmpty()) {
                all.add(new SeriesGaps(usagePoint, "none", "none", 0, 0, List.of(range)));
            }
            series.forEach((key, scan) -> all.add(scan.finish(usagePoint, key.split(" ")[0], key.split(" ")[1])));
        }
        return new GapReport(range, all);
    }

    private static String tag(Point point, String key) {
        for (Tag tag : point.tags()) {
            if (tag.key().equals(key)) {
                return tag.value();
            }
        }
        return "unknown";
    }

    /** One series, fed in time order. */
    private static final class SeriesScan {
        private final TimeWindow range;
        private final List<TimeWindow> gaps = new ArrayList<>();
        private Instant expected;
        private long intervalSeconds;
        private long stored;
        private long missing;

        SeriesScan(TimeWindow range) {
            this.range = range;
            this.expected = range.from();
        }

        void add(Instant start, long seconds) {
            intervalSeconds = seconds;
            hole(start);
            stored++;
            Instant next = start.plusSeconds(seconds);
            if (next.isAfter(expected)) {
                expected = next;
            }
        }

        SeriesGaps finish(String usagePoint, String commodity, String flow) {
            hole(range.to());
            return new SeriesGaps(usagePoint, commodity, flow, stored, missing, gaps);
        }

        private void hole(Instant until) {
            if (until.isAfter(expected)) {
                // up to an hour of slack: a daily series spanning a 23-hour day is an hour short of whole days
                long slack = Math.min(3600, intervalSeconds / 2);
                long whole = (until.getEpochSecond() - expected.getEpochSecond() + slack) / intervalSeconds;
                if (whole >= 1) {
                    gaps.add(new TimeWindow(expected, until));
                    missing += whole;
                }
            }
        }
    }
}
