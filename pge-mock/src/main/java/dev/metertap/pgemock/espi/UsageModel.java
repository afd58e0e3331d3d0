package dev.metertap.pgemock.espi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The mock customer's meters: deterministic readings for every interval of every usage point, and the ground truth
 * of what a feed carries.
 *
 * <p>Immutable and thread-safe. Every interval is generated from (seed, usage point, start, revision) alone, so any
 * window, fed or queried, gives the same values for the intervals it shares with any other window. Corrections and
 * the data horizon give a new model: hold the current one in an {@code AtomicReference} and swap it.
 */
public final class UsageModel {

    public static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private final long seed;
    private final ZoneId zone;
    private final List<UsagePointSpec> points;
    private final Map<String, UsagePointModel> models;
    private final Map<IntervalKey, Integer> revisions;
    private final Map<String, MeteredEnergy> meters;
    private final LocalDate firstAvailableDay;
    private final LocalDate lastAvailableDay;

    public UsageModel(long seed, List<UsagePointSpec> points) {
        this(seed, points, PACIFIC);
    }

    public UsageModel(long seed, List<UsagePointSpec> points, ZoneId zone) {
        this(seed, List.copyOf(points), Objects.requireNonNull(zone, "zone"), Map.of(), Map.of(), LocalDate.MIN, LocalDate.MAX);
    }

    private UsageModel(long seed, List<UsagePointSpec> points, ZoneId zone, Map<IntervalKey, Integer> revisions,
                       Map<String, MeteredEnergy> meters, LocalDate firstAvailableDay, LocalDate lastAvailableDay) {
        this.seed = seed;
        this.zone = zone;
        this.points = points;
        this.revisions = revisions;
        this.meters = meters;
        this.firstAvailableDay = firstAvailableDay;
        this.lastAvailableDay = lastAvailableDay;
        Map<String, UsagePointModel> byId = new LinkedHashMap<>();
        for (UsagePointSpec point : points) {
            if (byId.put(point.id(), new UsagePointModel(seed, point, zone, meters.get(point.id()))) != null) {
                throw new IllegalArgumentException("duplicate usage point id " + point.id());
            }
        }
        this.models = byId;
    }

    public long seed() {
        return seed;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The last local day with data (may be far in the future for a model without limits). */
    public LocalDate lastAvailableDay() {
        return lastAvailableDay;
    }

    public List<UsagePointSpec> usagePoints() {
        return points;
    }

    /** @throws IllegalArgumentException when the model has no such usage point */
    public UsagePointSpec usagePoint(String usagePointId) {
        return model(usagePointId).point();
    }

    public ReadingType readingType(String usagePointId, Flow flow) {
        return model(usagePointId).readingType(flow);
    }

    /** Every interval (all flows) whose start lies in [from, to), in start order, delivered before received. */
    public Stream<TrueInterval> trueIntervals(String usagePointId, Instant from, Instant to) {
        UsagePointModel model = model(usagePointId);
        requireWindow(from, to);
        return availableDays(from.atZone(zone).toLocalDate(), to.atZone(zone).toLocalDate())
                .flatMap(date -> flowsInterleaved(model.day(date, this::revision)))
                .filter(interval -> !interval.start().isBefore(from) && interval.start().isBefore(to));
    }

    /**
     * What a feed for [from, to) carries for this usage point: every interval of every local day the window touches
     * (PG&amp;E is over-inclusive: a window from one midnight to the next returns two days).
     */
    public Stream<TrueInterval> publishedIntervals(String usagePointId, Instant from, Instant to) {
        UsagePointModel model = model(usagePointId);
        return coveredDays(from, to).flatMap(date -> flowsInterleaved(model.day(date, this::revision)));
    }

    /**
     * The local days a feed for [from, to) covers: from the day of {@code from} through the day of {@code to},
     * both whole, within the available data. Empty when {@code from} equals {@code to}.
     */
    public Stream<LocalDate> coveredDays(Instant from, Instant to) {
        requireWindow(from, to);
        if (from.equals(to)) {
            return Stream.empty();
        }
        return availableDays(from.atZone(zone).toLocalDate(), to.atZone(zone).toLocalDate());
    }

    /** A model in which this interval (every flow of it) was re-metered: its value changes, again on every call. */
    public UsageModel withCorrection(String usagePointId, Instant start) {
        return withCorrections(List.of(new IntervalKey(usagePointId, start)));
    }

    /**
     * A model in which these intervals were re-metered. A feed written from it re-publishes them with new values and
     * {@link #trueIntervals} reports those.
     *
     * @throws IllegalArgumentException when a key names no interval start of its usage point
     */
    public UsageModel withCorrections(Collection<IntervalKey> corrected) {
        Map<IntervalKey, Integer> next = new HashMap<>(revisions);
        for (IntervalKey key : corrected) {
            requireIntervalStart(key);
            next.merge(key, 1, Integer::sum);
        }
        return new UsageModel(seed, points, zone, Map.copyOf(next), meters, firstAvailableDay, lastAvailableDay);
    }

    /** How often this interval has been corrected; 0 when it is as first published. */
    public int revision(String usagePointId, Instant start) {
        return revisions.getOrDefault(new IntervalKey(usagePointId, start), 0);
    }

    /**
     * A model whose data exists only for the local days that start at or after the day of {@code earliest} and end
     * at or before {@code latest} (PG&amp;E keeps 48 months and publishes whole past days). Outside, feeds are empty.
     */
    public UsageModel withAvailableData(Instant earliest, Instant latest) {
        LocalDate first = earliest.atZone(zone).toLocalDate();
        LocalDate last = latest.atZone(zone).toLocalDate();
        if (!last.plusDays(1).atStartOfDay(zone).toInstant().equals(latest)) {
            last = last.minusDays(1); // the day of `latest` is not over yet
        }
        return new UsageModel(seed, points, zone, revisions, meters, first, last);
    }

    /**
     * A model whose electric usage point publishes what {@code meter} counted, interval by interval, at PG&amp;E's
     * 0.1 Wh resolution, instead of its own household: one house seen by two harnesses.
     *
     * @throws IllegalArgumentException when the model has no such usage point or it is not electric
     */
    public UsageModel withMeter(String usagePointId, MeteredEnergy meter) {
        if (model(usagePointId).point().commodity() != Commodity.ELECTRICITY) {
            throw new IllegalArgumentException("usage point " + usagePointId + " is not electric");
        }
        Map<String, MeteredEnergy> next = new HashMap<>(meters);
        next.put(usagePointId, Objects.requireNonNull(meter, "meter"));
        return new UsageModel(seed, points, zone, revisions, Map.copyOf(next), firstAvailableDay, lastAvailableDay);
    }

    UsagePointModel model(String usagePointId) {
        UsagePointModel model = models.get(usagePointId);
        if (model == null) {
            throw new IllegalArgumentException("no usage point " + usagePointId + " in the model");
        }
        return model;
    }

    DayReadings day(String usagePointId, LocalDate date) {
        return model(usagePointId).day(date, this::revision);
    }

    private int revision(String usagePointId, Long startEpochSecond) {
        return revisions.isEmpty() ? 0 : revision(usagePointId, Instant.ofEpochSecond(startEpochSecond));
    }

    private Stream<LocalDate> availableDays(LocalDate first, LocalDate last) {
        LocalDate from = first.isBefore(firstAvailableDay) ? firstAvailableDay : first;
        LocalDate to = last.isAfter(lastAvailableDay) ? lastAvailableDay : last;
        return from.isAfter(to) ? Stream.empty() : from.datesUntil(to.plusDays(1));
    }

    private static Stream<TrueInterval> flowsInterleaved(DayReadings day) {
        if (day.received().isEmpty()) {
            return day.delivered().stream();
        }
        return Stream.iterate(0, i -> i < day.delivered().size(), i -> i + 1)
                .flatMap(i -> Stream.of(day.delivered().get(i), day.received().get(i)));
    }

    private void requireIntervalStart(IntervalKey key) {
        UsagePointModel model = model(key.usagePointId());
        LocalDay day = LocalDay.of(model.point(), key.start().atZone(zone).toLocalDate(), zone);
        if (!isStartIn(day, key.start())) {
            throw new IllegalArgumentException(key + " is not the start of an interval of " + key.usagePointId());
        }
    }

    private static boolean isStartIn(LocalDay day, Instant start) {
        long offset = start.getEpochSecond() - day.blockStart();
        return offset >= 0 && offset < day.blockDuration() && offset % day.intervalSeconds() == 0;
    }

    private static void requireWindow(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " .. " + to);
        }
    }
}
