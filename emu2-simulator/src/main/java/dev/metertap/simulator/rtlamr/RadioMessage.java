package dev.metertap.simulator.rtlamr;

import java.time.Instant;
import java.util.List;

/**
 * One packet as the virtual rtlamr decodes it: what it says, in the simulator's own terms (the JSON is written by
 * {@link RtlamrJson}). {@code intervals} is newest first, each with the moment the meter closed it.
 *
 * @param at                 when rtlamr decoded it (the envelope's {@code Time})
 * @param counter            ConsumptionIntervalCount (IDM/NetIDM), else 0
 * @param transmitSixteenths TransmitTimeOffset: sixteenths of a second since the current interval began
 * @param generation         NetIDM's LastGeneration, else 0
 * @param net                NetIDM's LastConsumptionNet, else 0
 */
public record RadioMessage(Instant at, RadioMeter meter, long consumption, long generation, long net, int counter,
                           int transmitSixteenths, List<Interval> intervals, int tamper, int crc) {

    public RadioMessage {
        intervals = List.copyOf(intervals);
    }

    /** @param closedAt epoch second the meter closed the interval; {@code counter} its 8-bit interval number */
    public record Interval(long closedAt, int value, int counter) {
    }

    /** The same packet decoded again a moment later (rtlamr often hears a burst twice). */
    public RadioMessage heardAgainAt(Instant later) {
        return new RadioMessage(later, meter, consumption, generation, net, counter, transmitSixteenths, intervals, tamper, crc);
    }

    /** Same content (everything but the time). */
    public boolean sameContentAs(RadioMessage other) {
        return other != null && meter.equals(other.meter) && consumption == other.consumption && generation == other.generation
                && net == other.net && counter == other.counter && intervals.equals(other.intervals);
    }
}
