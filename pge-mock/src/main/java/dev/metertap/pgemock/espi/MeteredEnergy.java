package dev.metertap.pgemock.espi;

import java.time.Instant;

/**
 * An electric meter's registers as a function of time, for a usage point whose intervals must be another model's
 * house (the demo's virtual EMU-2 and this mock reading one meter). Must be a pure function: feeds ask for any
 * window, as often as they like.
 */
@FunctionalInterface
public interface MeteredEnergy {

    /** Watt-seconds drawn from the grid and sent back to it. */
    record Counted(long deliveredWattSeconds, long receivedWattSeconds) {
    }

    /** What the meter counted over [from, to). */
    Counted between(Instant from, Instant to);
}
