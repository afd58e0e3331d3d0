package dev.metertap.pgemock.espi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntBiFunction;

/** Generates one usage point's readings for one local day, from the seed alone. */
final class UsagePointModel {

    /** Share of electric readings published as validated (17) rather than revenue quality (19). */
    private static final double VALIDATED_SHARE = 0.03;
    private static final int QUALITY_VALIDATED = 17;
    private static final int QUALITY_REVENUE = 19;

    private final long seed;
    private final UsagePointSpec point;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final HouseholdLoad load;
    private final SolarArray array;
    private final GasUse gas;
    private final ReadingType deliveredType;
    private final ReadingType receivedType;
    /** When present, the intervals are this meter's counts rather than the generated household's. */
    private final MeteredEnergy meter;

    /** @param meter null for the usage point's own generated household */
    UsagePointModel(long seed, UsagePointSpec point, ZoneId zone, MeteredEnergy meter) {
        this.seed = seed;
        this.point = point;
        this.zone = zone;
        this.rules = zone.getRules();
        this.load = HouseholdLoad.of(seed, point.id());
        this.array = SolarArray.of(seed, point.id());
        this.gas = GasUse.of(seed, point.id());
        this.deliveredType = ReadingType.of(point, Flow.DELIVERED);
        this.receivedType = ReadingType.of(point, Flow.RECEIVED);
        this.meter = meter;
    }

    UsagePointSpec point() {
        return point;
    }

    ReadingType readingType(Flow flow) {
        return flow == Flow.DELIVERED ? deliveredType : receivedType;
    }

    /** @param revisions how often each interval start (epoch s) has been corrected; 0 = as first published */
    DayReadings day(LocalDate date, ToIntBiFunction<String, Long> revisions) {
        LocalDay day = LocalDay.of(point, date, zone);
        return point.commodity() == Commodity.GAS ? gasDay(day, revisions) : electricDay(day, revisions);
    }

    private DayReadings gasDay(LocalDay day, ToIntBiFunction<String, Long> revisions) {
        long start = day.blockStart();
        int revision = revisions.applyAsInt(point.id(), start);
        long raw = gasRaw(start, day.date(), revision);
        if (revision > 0) {
            raw = differentFrom(gasRaw(start, day.date(), 0), raw);
        }
        TrueInterval reading = new TrueInterval(point.id(), Commodity.GAS, Flow.DELIVERED, Instant.ofEpochSecond(start),
                day.intervalSeconds(), deliveredType.toUnit(raw), QUALITY_VALIDATED,
                BigDecimal.valueOf(Tariff.gasCost(raw), 5), null);
        return new DayReadings(point, day, List.of(reading), List.of());
    }

    private long gasRaw(long start, LocalDate date, int revision) {
        double therms = gas.therms(date, IntervalRandom.forInterval(seed, point.id(), start, revision));
        return Math.round(therms * 1e8);
    }

    private DayReadings electricDay(LocalDay day, ToIntBiFunction<String, Long> revisions) {
        int count = day.readingCount();
        List<TrueInterval> delivered = new ArrayList<>(count);
        List<TrueInterval> received = point.solar() ? new ArrayList<>(count) : List.of();
        double clearness = point.solar() ? SolarArray.clearness(seed, point.id(), day.date()) : 0;
        for (int i = 0; i < count; i++) {
            long start = day.readingStart(i);
            int revision = revisions.applyAsInt(point.id(), start);
            SplittableRandom published = IntervalRandom.forInterval(seed, point.id(), start, 0);
            int quality = published.nextDouble() < VALIDATED_SHARE ? QUALITY_VALIDATED : QUALITY_REVENUE;
            Instant startInstant = Instant.ofEpochSecond(start);
            long imported;
            long exported;
            if (meter != null) {
                MeteredEnergy.Counted counted = meter.between(startInstant, startInstant.plusSeconds(day.intervalSeconds()));
                // a correction re-meters the interval; it must show as a different value
                imported = milliWattHours(counted.deliveredWattSeconds()) + 100L * revision;
                exported = milliWattHours(counted.receivedWattSeconds());
            } else {
                long net = netMilliWattHours(start, clearness, published);
                if (revision > 0) {
                    SplittableRandom corrected = IntervalRandom.forInterval(seed, point.id(), start, revision);
                    net = differentFrom(net, netMilliWattHours(start, clearness, corrected));
                }
                imported = Math.max(0, net);
                exported = Math.max(0, -net);
            }
            int tou = Tariff.tou(LocalDateTime.ofEpochSecond(start, 0, offsetAt(start)));
            delivered.add(new TrueInterval(point.id(), Commodity.ELECTRICITY, Flow.DELIVERED, startInstant,
                    day.intervalSeconds(), deliveredType.toUnit(imported), quality,
                    BigDecimal.valueOf(Tariff.electricCost(imported, tou), 5), tou));
            if (point.solar()) {
                received.add(new TrueInterval(point.id(), Commodity.ELECTRICITY, Flow.RECEIVED, startInstant,
                        day.intervalSeconds(), receivedType.toUnit(exported), quality, null, tou));
            }
        }
        return new DayReadings(point, day, delivered, received);
    }

    /** Import minus export over the interval in mWh (the feed's raw unit), at the 0.1 Wh resolution PG&amp;E uses. */
    private long netMilliWattHours(long start, double clearness, SplittableRandom noise) {
        long middle = start + point.intervalSeconds() / 2;
        ZoneOffset offset = offsetAt(middle);
        LocalDateTime local = LocalDateTime.ofEpochSecond(middle, 0, offset);
        double hours = point.intervalSeconds() / 3600.0;
        double watts = load.watts(local, noise);
        if (point.solar()) {
            boolean daylight = rules.isDaylightSavings(Instant.ofEpochSecond(middle));
            watts -= array.watts(local, daylight, clearness, noise);
        }
        return Math.round(watts * hours * 10) * 100;
    }

    /** Watt-seconds in mWh (the feed's raw unit), rounded to the 0.1 Wh PG&amp;E publishes. */
    private static long milliWattHours(long wattSeconds) {
        return Math.round(wattSeconds / 360.0) * 100;
    }

    private static long differentFrom(long original, long corrected) {
        return corrected == original ? corrected + 100 : corrected;
    }

    private ZoneOffset offsetAt(long epochSecond) {
        return rules.getOffset(Instant.ofEpochSecond(epochSecond));
    }
}
