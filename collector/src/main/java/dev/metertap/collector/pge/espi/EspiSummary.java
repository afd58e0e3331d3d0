package dev.metertap.collector.pge.espi;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What one feed held.
 *
 * @param readings          readings passed to the sink (a reading re-published with a new value counts again)
 * @param clippedAway       readings outside the requested window (PG&amp;E's windows are over-inclusive)
 * @param duplicatesDropped readings repeated with the same value, passed once
 * @param corrected         readings repeated later in the feed with a different value: the later one was passed too
 * @param usagePoints       ids of the usage points that gave readings
 * @param earliest          first interval start passed, empty when none
 * @param latest            last interval start passed, empty when none
 */
public record EspiSummary(long readings, long clippedAway, long duplicatesDropped, long corrected,
                          Set<String> usagePoints, Optional<Instant> earliest, Optional<Instant> latest) {

    public EspiSummary {
        usagePoints = Set.copyOf(usagePoints);
    }
}
