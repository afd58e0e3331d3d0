package dev.metertap.collector.pge.espi;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.reading.IntervalReading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The last step before the sink: clips to the window, passes each interval once, passes it again only when the feed
 * re-publishes it with a different value (PG&amp;E's corrections: the later one wins), and counts.
 * Public for the other Green Button form (Download My Data CSV), so both count and clip alike.
 */
public final class ReadingGate {

    private static final long ABSENT = 0x5DEECE66DL; // a fingerprint no reading is likely to have

    private final boolean clipping;
    private final long fromSecond; // whole seconds in [from, to) are exactly [ceil(from), ceil(to))
    private final long toSecond;
    private final Consumer<IntervalReading> sink;
    private final Map<Series, StartFingerprints> seen = new HashMap<>();
    private final Set<String> usagePoints = new HashSet<>();
    private Series lastSeries;
    private StartFingerprints lastSeen;
    private long readings;
    private long clippedAway;
    private long duplicates;
    private long corrected;
    private long earliest = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    public ReadingGate(Optional<TimeWindow> clip, Consumer<IntervalReading> sink) {
        this.clipping = clip.isPresent();
        this.fromSecond = clip.map(w -> ceilSeconds(w.from())).orElse(Long.MIN_VALUE);
        this.toSecond = clip.map(w -> ceilSeconds(w.to())).orElse(Long.MAX_VALUE);
        this.sink = sink;
    }

    void accept(Series series, long start, int intervalSeconds, BigDecimal value, int quality, BigDecimal cost,
                Integer tou) {
        if (clipping && (start < fromSecond || start >= toSecond)) {
            clippedAway++;
            return;
        }
        if (series != lastSeries) {
            lastSeries = series;
            lastSeen = seen.computeIfAbsent(series, s -> new StartFingerprints());
            usagePoints.add(series.usagePoint());
        }
        long key = (start << 20) | (intervalSeconds & 0xFFFFF);
        long fingerprint = fingerprint(value, quality, cost, tou);
        long previous = lastSeen.put(key, fingerprint, ABSENT);
        if (previous != ABSENT) {
            if (previous == fingerprint) {
                duplicates++;
                return;
            }
            corrected++;
        }
        readings++;
        earliest = Math.min(earliest, start);
        latest = Math.max(latest, start);
        sink.accept(new IntervalReading(series.usagePoint(), series.commodity(), series.flow(), series.unit(),
                intervalSeconds, Instant.ofEpochSecond(start), value, quality, cost, tou));
    }

    /** A reading already made whole (a CSV row): keyed by its own series tags and start, like an ESPI one. */
    public void accept(IntervalReading reading) {
        Series series = new Series(reading.usagePoint(), reading.commodity(), reading.flow(), reading.unit(), 0, 0, 0,
                null);
        accept(series.equals(lastSeries) ? lastSeries : series, reading.start().getEpochSecond(),
                reading.intervalSeconds(), reading.value(), reading.quality(), reading.cost(), reading.tou());
    }

    private static long ceilSeconds(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }

    public EspiSummary summary() {
        return new EspiSummary(readings, clippedAway, duplicates, corrected, usagePoints,
                readings == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(earliest)),
                readings == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(latest)));
    }

    /**
     * One ESPI series always has the same scale (its ReadingType's multiplier), so the plain hash codes compare
     * values. A CSV writes its own decimals: the same value written twice as 0.4 and 0.40 passes as a correction.
     */
    private static long fingerprint(BigDecimal value, int quality, BigDecimal cost, Integer tou) {
        long h = value.hashCode();
        h = h * 0x100000001B3L + quality;
        h = h * 0x100000001B3L + (cost == null ? 7 : cost.hashCode());
        h = h * 0x100000001B3L + (tou == null ? -1 : tou);
        return h == ABSENT ? h + 1 : h;
    }
}
