package dev.metertap.simulator.journal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A fragment the device wrote, with its decoded values as exact decimals.
 *
 * @param sequence    position in the journal
 * @param at          simulated time of the write
 * @param type        the root element, e.g. {@code InstantaneousDemand}
 * @param trigger     why it was written: {@code schedule}, {@code reply:get_time}, {@code startup}, {@code rejoin}…
 * @param deviceMacId the device's MAC id as written ({@code 0x…}, 16 digits)
 * @param meterMacId  the meter's MAC id as written, or null for fragments without one
 * @param deviceTime  the fragment's own time (TimeStamp, or UTCTime), or null when absent or a sentinel
 * @param values      decoded quantities: {@code demand_kw}, {@code delivered_kwh}, {@code received_kwh},
 *                    {@code price}, {@code tier}, {@code link_strength}…; exact, compare with {@code compareTo}
 * @param text        decoded text values, e.g. {@code status}
 * @param bytes       the bytes that went out (the prefix only, when clobbered)
 * @param integrity   intact, clobbered or lost
 * @param clobberedBy sequence of the fragment that cut this one off, or 0
 */
public record FragmentEntry(long sequence, Instant at, String type, String trigger, String deviceMacId,
                            String meterMacId, Instant deviceTime, Map<String, BigDecimal> values,
                            Map<String, String> text, byte[] bytes, Integrity integrity, long clobberedBy)
        implements JournalEntry {

    public FragmentEntry {
        values = Map.copyOf(values);
        text = Map.copyOf(text);
    }

    public boolean isIntact() {
        return integrity == Integrity.INTACT;
    }

    public Optional<String> meter() {
        return Optional.ofNullable(meterMacId);
    }

    public Optional<Instant> timestamp() {
        return Optional.ofNullable(deviceTime);
    }

    public OptionalLong clobberer() {
        return clobberedBy == 0 ? OptionalLong.empty() : OptionalLong.of(clobberedBy);
    }

    /** A decoded value, e.g. {@code value("demand_kw")}. */
    public BigDecimal value(String name) {
        BigDecimal value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(type + " #" + sequence + " has no value " + name + " (has " + values.keySet() + ")");
        }
        return value;
    }

    /** The bytes as ISO-8859-1 text (lossless). */
    public String wireText() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "FragmentEntry[#" + sequence + " " + type + " " + integrity + (clobberedBy == 0 ? "" : " by #" + clobberedBy)
                + " meter=" + meterMacId + " time=" + deviceTime + " " + values + text + " trigger=" + trigger + "]";
    }
}
