package dev.metertap.features;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.simulator.journal.FragmentEntry;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One reading as comparable text, made either from the simulator's journal or from what the
 * collector decoded; the two share no code, so equal keys mean the collector read the wire right.
 */
final class ReadingKey {

    private static final String DEMAND = "InstantaneousDemand";
    private static final String SUMMATION = "CurrentSummationDelivered";

    private ReadingKey() {
    }

    static boolean isReadingType(String fragmentType) {
        return fragmentType.equals(DEMAND) || fragmentType.equals(SUMMATION);
    }

    /** Empty for a fragment that gives no reading: cut short, lost, or stamped with the sentinel time. */
    static Optional<String> of(FragmentEntry entry) {
        if (!entry.isIntact() || entry.deviceTime() == null || !isReadingType(entry.type())) {
            return Optional.empty();
        }
        if (entry.type().equals(DEMAND)) {
            return Optional.of("demand " + entry.meterMacId() + " " + entry.deviceTime() + " " + plain(entry.value("demand_kw")));
        }
        return Optional.of("summation " + entry.meterMacId() + " " + entry.deviceTime() + " "
                + plain(entry.value("delivered_kwh")) + " " + plain(entry.value("received_kwh")));
    }

    static Optional<String> of(Reading reading) {
        if (reading instanceof DemandReading d) {
            return Optional.of("demand " + d.meter() + " " + d.time() + " " + plain(d.kw()));
        }
        if (reading instanceof SummationReading s) {
            return Optional.of("summation " + s.meter() + " " + s.time() + " " + plain(s.deliveredKwh()) + " "
                    + plain(s.receivedKwh()));
        }
        return Optional.empty();
    }

    /** The key of a demand or summation point as the store or InfluxDB holds it. */
    static Optional<String> of(Point point) {
        String meter = point.tags().stream().filter(tag -> tag.key().equals("meter")).map(Tag::value).findFirst().orElse("?");
        if (point.measurement().equals(DemandReading.MEASUREMENT)) {
            return Optional.of("demand " + meter + " " + point.time() + " " + plain(field(point, "kw")));
        }
        if (point.measurement().equals(SummationReading.MEASUREMENT)) {
            return Optional.of("summation " + meter + " " + point.time() + " " + plain(field(point, "delivered_kwh")) + " "
                    + plain(field(point, "received_kwh")));
        }
        return Optional.empty();
    }

    private static BigDecimal field(Point point, String key) {
        return point.fields().stream().filter(f -> f.key().equals(key)).map(Field::value).map(BigDecimal.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no field " + key + " in " + point));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
