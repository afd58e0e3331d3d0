package dev.metertap.pgemock.espi;

import java.time.Instant;
import java.util.Objects;

/** Names one interval of one usage point (all of its flows), e.g. to correct it. */
public record IntervalKey(String usagePointId, Instant start) {
    public IntervalKey {
        Objects.requireNonNull(usagePointId, "usagePointId");
        Objects.requireNonNull(start, "start");
    }
}
