package dev.metertap.pgemock.espi;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Average household power over an interval: a base load, morning and evening peaks, summer air conditioning,
 * winter evening lighting, and seeded noise with occasional appliance spikes.
 */
final class HouseholdLoad {

    private final double baseWatts;
    private final double peakScale;
    private final double coolingWatts;

    private HouseholdLoad(double baseWatts, double peakScale, double coolingWatts) {
        this.baseWatts = baseWatts;
        this.peakScale = peakScale;
        this.coolingWatts = coolingWatts;
    }

    /** Each usage point is its own household: its sizes come from (seed, id), not from the call order. */
    static HouseholdLoad of(long seed, String usagePointId) {
        SplittableRandom household = IntervalRandom.forUsagePoint(seed, usagePointId, "household");
        return new HouseholdLoad(
                150 + 250 * household.nextDouble(),
                0.7 + 0.6 * household.nextDouble(),
                800 + 2200 * household.nextDouble());
    }

    /** @param middle local time of the middle of the interval */
    double watts(LocalDateTime middle, SplittableRandom noise) {
        double hour = middle.getHour() + middle.getMinute() / 60.0;
        boolean weekend = middle.getDayOfWeek() == DayOfWeek.SATURDAY || middle.getDayOfWeek() == DayOfWeek.SUNDAY;
        double summer = Seasons.summerness(middle.toLocalDate());

        double shape = bump(hour, weekend ? 9.0 : 7.5, 1.3, 700)
                + bump(hour, 19.0, 2.0, 1200)
                + (hour >= 10 && hour < 16 ? (weekend ? 550 : 250) : 0)
                + bump(hour, 16.5, 2.8, coolingWatts * Math.max(0, summer))
                + bump(hour, 20.0, 2.5, 250 * Math.max(0, -summer));
        double watts = baseWatts + peakScale * shape;
        watts *= 0.8 + 0.4 * noise.nextDouble();
        if (noise.nextDouble() < 0.08) {
            watts += 1000 + 1500 * noise.nextDouble(); // a kettle, a dryer, an oven
        }
        return watts;
    }

    private static double bump(double hour, double centre, double width, double height) {
        double d = (hour - centre) / width;
        return height * Math.exp(-0.5 * d * d);
    }
}
