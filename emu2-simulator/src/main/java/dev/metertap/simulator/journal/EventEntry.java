package dev.metertap.simulator.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Something the device did that is not a whole fragment: a fault applied ({@code nul-bytes},
 * {@code stale-tail}, {@code unplug}, {@code replug}, {@code silence}…), a load change, a rejoin.
 *
 * @param kind   the event's name
 * @param detail free text for people
 * @param bytes  bytes it put on the wire (NULs, a stale tail), possibly empty
 */
public record EventEntry(long sequence, Instant at, String kind, String detail, byte[] bytes) implements JournalEntry {

    public String wireText() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "EventEntry[#" + sequence + " " + kind + " " + detail + (bytes.length > 0 ? " " + bytes.length + " bytes" : "") + "]";
    }
}
