package dev.metertap.collector.sink.mqtt;

import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.reading.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The latest state of every meter seen, from stored points in outbox order. A counter never goes backwards: a
 * delivered or received total below the one already taken, and a summation that reads 0 delivered (even the first),
 * is dropped, with one warning per episode, because
 * Home Assistant's Energy dashboard counts a counter that falls and rises again as new energy. The house's
 * always-on load ({@code baseline_night}, which has no meter) belongs to every meter; the newest night wins.
 * Confined to one thread.
 */
final class MeterStates {

    private static final Logger log = LoggerFactory.getLogger(MeterStates.class);

    private final Clock clock;
    private final Duration offlineAfter;
    private final Map<String, MeterState> meters = new LinkedHashMap<>();
    private final Map<String, Boolean> glitching = new java.util.HashMap<>();
    /** Per meter, the highest counters published in earlier runs: a new run's guard starts from them. */
    private final Map<String, Counters> publishedBefore = new java.util.HashMap<>();
    private BigDecimal alwaysOnW;
    private Instant alwaysOnNight;

    MeterStates(Clock clock, Duration offlineAfter) {
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** Takes one point; returns the meters whose state it changed (every meter for a night's always-on load). */
    Set<String> apply(Point point) {
        if (point.measurement().equals(BaselineReading.MEASUREMENT)) {
            BigDecimal watts = decimal(point, "watts");
            if (watts == null || (alwaysOnNight != null && point.time().isBefore(alwaysOnNight))) {
                return Set.of();  // an older night measured again is not the current always-on load
            }
            alwaysOnNight = point.time();
            alwaysOnW = watts;
            return Set.copyOf(meters.keySet());
        }
        String meterId = tag(point, "meter");
        if (meterId == null || !point.measurement().startsWith("emu2_")) {
            return Set.of();  // PG&E's intervals are history, not a meter's live state
        }
        MeterState meter = meters.computeIfAbsent(meterId, this::newMeter);
        meter.device = tag(point, "device");
        meter.lastHeard = clock.instant();
        switch (point.measurement()) {
            case DemandReading.MEASUREMENT -> {
                BigDecimal kw = decimal(point, "kw");
                if (kw != null) {
                    meter.powerW = kw.movePointRight(3);
                }
            }
            case SummationReading.MEASUREMENT -> {
                BigDecimal delivered = decimal(point, "delivered_kwh");
                if (delivered != null && delivered.signum() == 0) {
                    // a display glitching or restarting reads 0 for both; a meter's import register is never 0 in
                    // service, and a first value of 0 would make the next true total count as new energy
                    if (glitching.put(meter.meter + " zero", true) == null) {
                        log.warn("meter {}: a summation read 0 kWh delivered; not published (a glitch or a restart of the display)",
                                meter.meter);
                    }
                    break;
                }
                glitching.remove(meter.meter + " zero");
                meter.importedKwh = counter(meter, "delivered", meter.importedKwh, delivered);
                meter.exportedKwh = counter(meter, "received", meter.exportedKwh, decimal(point, "received_kwh"));
            }
            case PriceReading.MEASUREMENT -> {
                BigDecimal price = decimal(point, "price");
                if (price != null) {
                    meter.price = price;
                    meter.currency = tag(point, "currency");
                }
            }
            case LinkReading.MEASUREMENT -> {
                if (field(point, "status") instanceof String status) {
                    meter.linkStatus = status;
                }
                if (field(point, "link_strength") instanceof Long strength) {
                    meter.linkStrength = strength;
                }
            }
            default -> {
            }
        }
        return Set.of(meterId);
    }

    /**
     * Takes a summation the sink published in an earlier run (as the store holds it up to the sink's cursor), in any
     * order: the guard of this run never publishes a counter below the highest of them. Published values are exactly
     * these, less those {@link #apply} drops (a 0 delivered), since the guard only ever let a counter rise.
     */
    void restorePublished(Point point) {
        String meterId = tag(point, "meter");
        BigDecimal delivered = decimal(point, "delivered_kwh");
        if (!point.measurement().equals(SummationReading.MEASUREMENT) || meterId == null
                || (delivered != null && delivered.signum() == 0)) {
            return;
        }
        publishedBefore.merge(meterId, new Counters(delivered, decimal(point, "received_kwh")), Counters::max);
    }

    /** How many meters {@link #restorePublished} learnt counters for. */
    int metersRestored() {
        return publishedBefore.size();
    }

    private MeterState newMeter(String meterId) {
        MeterState meter = new MeterState(meterId);
        Counters before = publishedBefore.get(meterId);
        if (before != null) {
            meter.importedKwh = before.delivered();
            meter.exportedKwh = before.received();
        }
        return meter;
    }

    /** A meter's delivered and received totals; either may be null. */
    private record Counters(BigDecimal delivered, BigDecimal received) {
        Counters max(Counters other) {
            return new Counters(larger(delivered, other.delivered), larger(received, other.received));
        }

        private static BigDecimal larger(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.max(b);
        }
    }

    /** The counter's value after {@code reading}: the reading, unless it is below what was already taken. */
    private BigDecimal counter(MeterState meter, String counter, BigDecimal taken, BigDecimal reading) {
        if (reading == null) {
            return taken;
        }
        String key = meter.meter + " " + counter;
        if (taken != null && reading.compareTo(taken) < 0) {
            if (glitching.put(key, true) == null) {
                log.warn("meter {}: the {} counter read {} kWh, below the {} kWh already published; not published until it"
                        + " reaches that again (a glitch or a restart of the meter)", meter.meter, counter,
                        reading.toPlainString(), taken.toPlainString());
            }
            return taken;
        }
        if (glitching.remove(key) != null) {
            log.info("meter {}: the {} counter is back at {} kWh", meter.meter, counter, reading.toPlainString());
        }
        return reading;
    }

    Collection<MeterState> meters() {
        return meters.values();
    }

    MeterState meter(String meter) {
        return meters.get(meter);
    }

    /** The house's latest nightly always-on load in W, or null before the first night was measured. */
    BigDecimal alwaysOnW() {
        return alwaysOnW;
    }

    /** Online: its link is up and it was heard from within {@code offline-after}. */
    boolean online(MeterState meter) {
        return meter.linkUp() && meter.lastHeard != null
                && Duration.between(meter.lastHeard, clock.instant()).compareTo(offlineAfter) < 0;
    }

    private static String tag(Point point, String key) {
        for (Tag tag : point.tags()) {
            if (tag.key().equals(key)) {
                return tag.value();
            }
        }
        return null;
    }

    private static Object field(Point point, String key) {
        for (Field field : point.fields()) {
            if (field.key().equals(key)) {
                return field.value();
            }
        }
        return null;
    }

    private static BigDecimal decimal(Point point, String key) {
        return field(point, key) instanceof BigDecimal value ? value : null;
    }
}
