package dev.metertap.features;

import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.UsageModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The store's PG&E intervals for one usage point against the mock's model: every interval once, exact values. */
final class IntervalTruth {

    private IntervalTruth() {
    }

    /** What is wrong, one line per problem; empty when the store matches the model. Also fails on an empty model. */
    static List<String> mismatches(Store store, UsageModel model, String usagePoint, Instant from, Instant to) {
        List<String> problems = new ArrayList<>();
        Map<String, BigDecimal> stored = new HashMap<>();
        for (Point point : store.query(new PointQuery(IntervalReading.MEASUREMENT, Map.of("usage_point", usagePoint), from, to))) {
            if (stored.put(key(tag(point, "flow"), point.time()), value(point)) != null) {
                problems.add("stored twice: " + usagePoint + " " + tag(point, "flow") + " " + point.time());
            }
        }
        long[] truth = {0};
        model.trueIntervals(usagePoint, from, to).forEach(interval -> {
            truth[0]++;
            BigDecimal value = stored.remove(key(interval.flow().name().toLowerCase(Locale.ROOT), interval.start()));
            if (value == null) {
                problems.add("missing: " + usagePoint + " " + interval.flow() + " " + interval.start());
            } else if (value.compareTo(interval.value()) != 0) {
                problems.add("value " + value + " instead of " + interval.value() + ": " + usagePoint + " " + interval.start());
            }
        });
        stored.keySet().forEach(extra -> problems.add("not in PG&E's data: " + usagePoint + " " + extra));
        if (truth[0] == 0) {
            problems.add("PG&E's model has no interval for " + usagePoint + " from " + from + " to " + to);
        }
        return problems;
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
