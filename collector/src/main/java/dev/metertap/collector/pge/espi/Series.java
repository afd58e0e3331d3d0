package dev.metertap.collector.pge.espi;

import dev.metertap.collector.reading.IntervalReading.Commodity;
import dev.metertap.collector.reading.IntervalReading.Flow;
import dev.metertap.collector.reading.IntervalReading.Unit;

/**
 * What an IntervalBlock's readings are, once joined to their usage point and ReadingType.
 *
 * @param valueScale    decimal places that turn a raw value into {@code unit}: Wh × 10^-3 is 10^-6 kWh, so 6
 * @param defaultInterval seconds when a reading has no duration (the ReadingType's intervalLength), or 0
 * @param defaultQuality  quality when a reading has none
 * @param tou             the type's tier for every reading, or null
 */
record Series(String usagePoint, Commodity commodity, Flow flow, Unit unit, int valueScale, int defaultInterval,
              int defaultQuality, Integer tou) {
}
