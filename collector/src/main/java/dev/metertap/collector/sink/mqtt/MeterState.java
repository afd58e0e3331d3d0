package dev.metertap.collector.sink.mqtt;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The latest of everything one meter reported, as the sink will publish it; a value is null until its first
 * reading. Confined to the sink's worker thread.
 */
final class MeterState {

    final String meter;
    String device;
    BigDecimal powerW;
    BigDecimal importedKwh;
    BigDecimal exportedKwh;
    BigDecimal price;
    String currency;
    String linkStatus;
    Long linkStrength;
    /** The host's time of the last reading, for {@code offline-after}: the meter's own clock may be off or replayed. */
    Instant lastHeard;

    MeterState(String meter) {
        this.meter = meter;
    }

    /** The ZigBee link is up: no link reading yet, or the last says Connected with some strength. */
    boolean linkUp() {
        return linkStatus == null || ("Connected".equalsIgnoreCase(linkStatus) && (linkStrength == null || linkStrength > 0));
    }
}
