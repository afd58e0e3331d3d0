package dev.metertap.pgemock.espi;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Randomness keyed by what it is for, never by the order of generation: every interval (and every day) gets its own
 * stream from (seed, usage point, time, revision), so any window is generated alone and identically.
 */
final class IntervalRandom {

    private IntervalRandom() {
    }

    static SplittableRandom forInterval(long seed, String usagePointId, long startEpochSecond, int revision) {
        return new SplittableRandom(mix(mix(mix(seed ^ 0x1A7E_5EEDL) ^ usagePointId.hashCode()) + startEpochSecond)
                + 0x9E37_79B9_7F4A_7C15L * revision);
    }

    static SplittableRandom forDay(long seed, String usagePointId, LocalDate day) {
        return new SplittableRandom(mix(mix(mix(seed ^ 0xDA1L) ^ usagePointId.hashCode()) + day.toEpochDay()));
    }

    /** @param trait what the stream sizes (household, solar array, gas use), so each is drawn independently */
    static SplittableRandom forUsagePoint(long seed, String usagePointId, String trait) {
        return new SplittableRandom(mix(mix(mix(seed ^ 0x5917_7E5AL) + usagePointId.hashCode()) + trait.hashCode()));
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
