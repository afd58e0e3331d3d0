package dev.metertap.pgemock.espi;

import java.time.LocalDate;
import java.util.SplittableRandom;

/** Daily gas: water heating all year plus space heating driven by heating degree-days. */
final class GasUse {

    private final double waterHeatingTherms;
    private final double thermsPerDegreeDay;

    private GasUse(double waterHeatingTherms, double thermsPerDegreeDay) {
        this.waterHeatingTherms = waterHeatingTherms;
        this.thermsPerDegreeDay = thermsPerDegreeDay;
    }

    static GasUse of(long seed, String usagePointId) {
        SplittableRandom household = IntervalRandom.forUsagePoint(seed, usagePointId, "gas");
        return new GasUse(0.25 + 0.2 * household.nextDouble(), 0.12 + 0.1 * household.nextDouble());
    }

    double therms(LocalDate day, SplittableRandom noise) {
        double temperature = Seasons.meanTemperature(day) + 2.5 * noise.nextGaussian();
        double heatingDegrees = Math.max(0, 16 - temperature);
        return waterHeatingTherms * (0.8 + 0.4 * noise.nextDouble()) + thermsPerDegreeDay * heatingDegrees;
    }
}
