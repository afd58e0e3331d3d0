package dev.metertap.pgemock.espi;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/** Rooftop PV: a sine between sunrise and sunset, scaled by the array size and that day's cloud cover. */
final class SolarArray {

    private final double peakWatts;

    private SolarArray(double peakWatts) {
        this.peakWatts = peakWatts;
    }

    static SolarArray of(long seed, String usagePointId) {
        SplittableRandom array = IntervalRandom.forUsagePoint(seed, usagePointId, "solar array");
        return new SolarArray(3000 + 4000 * array.nextDouble());
    }

    /** Clear-sky fraction of the day, 0.3 to 1, cloudier in winter. */
    static double clearness(long seed, String usagePointId, LocalDate day) {
        SplittableRandom sky = IntervalRandom.forDay(seed, usagePointId, day);
        double cloudyChance = 0.25 - 0.2 * Seasons.summerness(day);
        return sky.nextDouble() < cloudyChance ? 0.3 + 0.4 * sky.nextDouble() : 0.85 + 0.15 * sky.nextDouble();
    }

    /**
     * @param middle   local wall-clock time of the middle of the interval
     * @param daylight whether the zone is on daylight saving time then (solar noon moves to 13:00 on the clock)
     */
    double watts(LocalDateTime middle, boolean daylight, double clearness, SplittableRandom noise) {
        double hour = middle.getHour() + middle.getMinute() / 60.0;
        double solarNoon = 12.2 + (daylight ? 1 : 0);
        double halfDay = 6.0 + 1.3 * Seasons.daylightness(middle.toLocalDate());
        double sinceSunrise = hour - (solarNoon - halfDay);
        if (sinceSunrise <= 0 || sinceSunrise >= 2 * halfDay) {
            return 0;
        }
        double sun = Math.pow(Math.sin(Math.PI * sinceSunrise / (2 * halfDay)), 1.3);
        return peakWatts * sun * clearness * (0.9 + 0.1 * noise.nextDouble());
    }
}
