package dev.metertap.simulator.journal;

/** What became of a fragment's bytes. */
public enum Integrity {
    /** Written whole. */
    INTACT,
    /** Cut off mid-write by the next fragment (no newline in between). */
    CLOBBERED,
    /** Produced while the port was unplugged or silenced: no reader could see it. */
    LOST
}
