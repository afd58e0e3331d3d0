package dev.metertap.collector.pge.espi;

import java.math.BigDecimal;

/**
 * One IntervalReading as sent, before its block is joined to a ReadingType.
 *
 * @param duration seconds, 0 when absent
 * @param quality  null when absent
 * @param cost     1/100000 of the currency, null when absent
 */
record RawReading(long start, long duration, BigDecimal value, Integer quality, BigDecimal cost, Integer tou) {
}
