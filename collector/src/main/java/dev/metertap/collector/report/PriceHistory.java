package dev.metertap.collector.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The EMU-2's price per kWh over time; only changes are kept (the device repeats its price every few minutes). */
final class PriceHistory {

    private final TreeMap<Long, BigDecimal> changes = new TreeMap<>();
    private String currency;

    void add(Instant time, BigDecimal price, String currency) {
        Map.Entry<Long, BigDecimal> last = changes.lastEntry();
        if (last == null || last.getValue().compareTo(price) != 0) {
            changes.put(time.getEpochSecond(), price);
        }
        this.currency = currency;
    }

    /** The price in effect at {@code epochSecond}, or the first one known when none was yet; null with no prices. */
    BigDecimal at(long epochSecond) {
        Map.Entry<Long, BigDecimal> entry = changes.floorEntry(epochSecond);
        if (entry == null) {
            entry = changes.firstEntry();
        }
        return entry == null ? null : entry.getValue();
    }

    BigDecimal latest() {
        return changes.isEmpty() ? null : changes.lastEntry().getValue();
    }

    String currency() {
        return currency;
    }
}
