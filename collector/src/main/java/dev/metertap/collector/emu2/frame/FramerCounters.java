package dev.metertap.collector.emu2.frame;

/** What a framer did with the bytes it was fed. Read from the framer's thread, or after it stopped. */
public final class FramerCounters {

    long fragments;
    long clobbered;
    long malformed;
    long oversized;
    long skipped;

    /** Complete fragments handed on. */
    public long fragments() {
        return fragments;
    }

    /** Fragments discarded because a new fragment started inside them (the device cut its write). */
    public long clobbered() {
        return clobbered;
    }

    /** Fragments discarded for a mismatched end tag or an invalid tag. */
    public long malformed() {
        return malformed;
    }

    /** Fragments discarded for exceeding the size or child-count bound. */
    public long oversized() {
        return oversized;
    }

    /** Bytes outside any fragment: stale tails, NULs, stray children and end tags, noise. */
    public long skippedBytes() {
        return skipped;
    }

    @Override
    public String toString() {
        return "fragments=" + fragments + " clobbered=" + clobbered + " malformed=" + malformed
                + " oversized=" + oversized + " skippedBytes=" + skipped;
    }
}
