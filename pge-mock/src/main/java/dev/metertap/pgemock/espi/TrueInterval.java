package dev.metertap.pgemock.espi;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the mock really published for one interval: the ground truth a test compares a client's store with.
 *
 * @param usagePointId    10-digit usage point id
 * @param commodity       electricity or gas
 * @param flow            delivered or received (solar export)
 * @param start           interval start (for gas: local midnight + 1 s)
 * @param durationSeconds interval length as sent (a gas day around a DST change is 82800 or 90000 s)
 * @param value           kWh (electricity) or therm (gas), exactly {@code value × 10^powerOfTenMultiplier} of the
 *                        feed converted to that unit; compare with {@code compareTo}, the scale is fixed (6 or 8)
 * @param quality         ReadingQuality code (17 validated, 19 revenue quality)
 * @param cost            currency units (USD), exactly the feed's cost / 100000, or null when the feed sends none
 * @param tou             time-of-use code (1 peak, 2 off-peak), or null when the feed sends none
 */
public record TrueInterval(
        String usagePointId,
        Commodity commodity,
        Flow flow,
        Instant start,
        int durationSeconds,
        BigDecimal value,
        int quality,
        BigDecimal cost,
        Integer tou) {

    /** kWh or therm. */
    public String unit() {
        return commodity.unit();
    }

    public Instant end() {
        return start.plusSeconds(durationSeconds);
    }

    public IntervalKey key() {
        return new IntervalKey(usagePointId, start);
    }
}
