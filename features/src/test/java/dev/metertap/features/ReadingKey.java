package dev.metertap.features;

import dev.metertap.collector.reading.DemandReading;
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

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
