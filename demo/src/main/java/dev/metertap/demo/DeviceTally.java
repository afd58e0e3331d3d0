package dev.metertap.demo;

import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.JournalEntry;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the virtual EMU-2 wrote, counted as its journal grows, so that the journal itself need keep only its
 * latest entries in memory however long the run.
 */
final class DeviceTally implements Consumer<JournalEntry> {

    private long fragments;
    private long cutShort;
    private Instant lastWholeDemand;

    @Override
    public synchronized void accept(JournalEntry entry) {
        if (!(entry instanceof FragmentEntry fragment)) {
            return;
        }
        fragments++;
        if (!fragment.isIntact()) {
            cutShort++;
        } else if (fragment.type().equals("InstantaneousDemand") && fragment.deviceTime() != null
                && (lastWholeDemand == null || fragment.deviceTime().isAfter(lastWholeDemand))) {
            lastWholeDemand = fragment.deviceTime();
        }
    }

    synchronized long fragments() {
        return fragments;
    }

    /** Fragments the device cut short (the collector skips them) or lost. */
    synchronized long cutShort() {
        return cutShort;
    }

    /** The device time of the latest demand fragment written whole. */
    synchronized Optional<Instant> lastWholeDemand() {
        return Optional.ofNullable(lastWholeDemand);
    }
}
