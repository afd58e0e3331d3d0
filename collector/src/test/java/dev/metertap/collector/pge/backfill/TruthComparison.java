package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.TrueInterval;
import dev.metertap.pgemock.espi.UsageModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares what the store holds for a usage point with the mock's ground truth: every interval once, exact values,
 * nothing else. An empty truth is a mismatch too: a comparison with nothing proves nothing.
 */
public final class TruthComparison {

    private TruthComparison() {
    }

    /** @param mismatches what is wrong, one line per problem; empty when the store matches the model */
    public record Result(long truth, long stored, List<String> mismatches) {
    }

    public static Result compare(Store store, UsageModel model, String usagePoint, TimeWindow range) {
        Map<String, BigDecimal> stored = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        List<Point> points = store.query(new PointQuery(IntervalReading.MEASUREMENT, Map.of("usage_point", usagePoint),
                range.from(), range.to()));
        for (Point point : points) {
            BigDecimal previous = stored.put(key(tag(point, "flow"), point.time()), value(point));
            if (previous != null) {
                mismatches.add("stored twice: " + usagePoint + " " + tag(point, "flow") + " " + point.time());
            }
        }
        long[] truth = {0};
        model.trueIntervals(usagePoint, range.from(), range.to()).forEach((TrueInterval interval) -> {
            truth[0]++;
            BigDecimal value = stored.remove(key(interval.flow().name().toLowerCase(Locale.ROOT), interval.start()));
            if (value == null) {
                mismatches.add("missing: " + usagePoint + " " + interval.flow() + " " + interval.start());
            } else if (value.compareTo(interval.value()) != 0) {
                mismatches.add("value " + value + " instead of " + interval.value() + ": " + usagePoint + " " + interval.start());
            }
        });
        stored.keySet().forEach(extra -> mismatches.add("not in PG&E's data: " + usagePoint + " " + extra));
        if (truth[0] == 0) {
            mismatches.add("PG&E's model has no interval for " + usagePoint + " in " + range);
        }
        return new Result(truth[0], points.size(), mismatches);
    }

    private static String key(String flow, Instant start) {
        return flow + "@" + start.getEpochSecond();
    }

    private static String tag(Point point, String key) {
        return point.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElseThrow();
    }

    private static BigDecimal value(Point point) {
        return point.fields().stream().filter(f -> f.key().equals("value")).map(Field::value)
                .map(BigDecimal.class::cast).findFirst().orElseThrow();
    }
}
