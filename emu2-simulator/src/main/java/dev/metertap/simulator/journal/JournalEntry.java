package dev.metertap.simulator.journal;

import java.time.Instant;

/** One line of the ground truth: a fragment written, a command received, or a device event. */
public sealed interface JournalEntry permits FragmentEntry, CommandEntry, EventEntry {

    /** Position in the journal, from 1, shared by all kinds of entry. */
    long sequence();

    /** Simulated time at which it happened. */
    Instant at();
}
