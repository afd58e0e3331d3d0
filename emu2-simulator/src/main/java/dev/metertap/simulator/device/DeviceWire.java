package dev.metertap.simulator.device;

import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.EventEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.schedule.SimulatedClock;
import dev.metertap.simulator.wire.FragmentWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The device's side of the cable: it writes each notification's bytes, with the wire's flaws (stalled writes cut by
 * the next one, NULs between fragments, sentinel timestamps, summations that read 0, stale bytes at open), while
 * plugged in and not silenced,
 * and journals what it wrote. Called under the device's lock.
 */
final class DeviceWire {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceWire.class);
    private static final int MAX_CLOBBER_CHAIN = 3;
    static final String REPLY = "reply:";

    private final SimulatedClock clock;
    private final Journal journal;
    private final Faults faults;
    private final String deviceMacId;
    private final SplittableRandom dice;
    private final SplittableRandom tailDice;
    private final FragmentWriter writer = new FragmentWriter();
    private DeviceOutput output = DeviceOutput.NONE;
    private boolean plugged = true;
    private long silentUntil = Long.MIN_VALUE;
    private byte[] lastIntact;
    private Stalled stalled;

    /** A write cut short, waiting to be journalled with whatever cuts it. */
    private record Stalled(Notification notification, String trigger, byte[] prefix, Instant at, int chain) {
    }

    /** @param dice the device's dice, shared: one seed gives one run */
    DeviceWire(SimulatedClock clock, Journal journal, Faults faults, String deviceMacId, SplittableRandom dice,
               SplittableRandom tailDice) {
        this.clock = clock;
        this.journal = journal;
        this.faults = faults;
        this.deviceMacId = deviceMacId;
        this.dice = dice;
        this.tailDice = tailDice;
    }

    void attach(DeviceOutput newOutput) {
        this.output = newOutput;
    }

    DeviceOutput output() {
        return output;
    }

    /** Unplugged or silenced: nothing is written, commands are not heard. */
    boolean quiet() {
        return !plugged || clock.millis() < silentUntil;
    }

    boolean plugged() {
        return plugged;
    }

    void plug(boolean in) {
        plugged = in;
    }

    void silenceUntil(long millis) {
        silentUntil = millis;
    }

    /**
     * Writes a notification to the wire (or loses it), applying the fragment faults, and journals it. A write the
     * device stalls on (fault {@code clobber}; a command reply is exposed twice as long) has sent part of its bytes
     * when whatever is written next (the next scheduled notification, at its own time) cuts it off; it is journalled
     * then, right before the fragment that cut it.
     */
    void emit(Notification n, String trigger) {
        Instant now = clock.instant();
        if (n.hasTimestamp() && roll(Fault.Sentinels.class)) {
            n = n.withSentinelTimestamp();
        }
        if (n.isSummation() && roll(Fault.ZeroSummation.class)) {
            n = n.withZeroCounters();
        }
        byte[] bytes = writer.bytes(n.fragment());
        boolean lost = quiet();
        Stalled victim = stalled;
        stalled = null;
        if (victim != null) {
            // its cutter is the next entry, unless nothing reached the wire
            journalStalled(victim, lost ? 0 : journal.nextSequence() + 1);
        }
        if (lost) {
            append(n, trigger, bytes, Integrity.LOST, 0, now);
            return;
        }
        Fault.NulBytes nuls = faults.get(Fault.NulBytes.class).orElse(null);
        if (victim == null && nuls != null && nuls.strikes(dice)) {
            byte[] nul = nuls.bytes(dice);
            output.write(nul);
            event("nul-bytes", nul.length + " NUL byte(s) before the next fragment", nul);
        }
        int chain = victim == null ? 0 : victim.chain();
        Fault.Clobber clobber = faults.get(Fault.Clobber.class).orElse(null);
        if (chain < MAX_CLOBBER_CHAIN && clobber != null && clobber.stalls(trigger.startsWith(REPLY), dice)) {
            int cut = clobber.bytesBeforeStall(bytes.length, dice);
            byte[] prefix = Arrays.copyOf(bytes, cut);
            output.write(prefix);
            stalled = new Stalled(n, trigger, prefix, now, chain + 1);
            return;
        }
        output.write(bytes);
        lastIntact = bytes;
        append(n, trigger, bytes, Integrity.INTACT, 0, now);
    }

    /** Journals a stalled write that nothing cut (the run ends): it stays cut short on the wire. */
    void settle() {
        if (stalled != null) {
            journalStalled(stalled, 0);
            stalled = null;
        }
    }

    /**
     * The bytes a newly opened port shows first: with fault {@code stale-tail}, the tail of an old fragment (the last
     * one written, else {@code beforePowerOn}), else nothing. Journalled.
     */
    byte[] staleTail(String where, Supplier<byte[]> beforePowerOn) {
        Fault.StaleTail stale = faults.get(Fault.StaleTail.class).orElse(null);
        if (stale == null || !stale.strikes(tailDice)) {
            return new byte[0];
        }
        byte[] tail = stale.tailOf(lastIntact != null ? lastIntact : beforePowerOn.get(), tailDice);
        event("stale-tail", "old bytes waiting at " + where, tail);
        return tail;
    }

    byte[] bytes(Notification n) {
        return writer.bytes(n.fragment());
    }

    /** Whether a chance fault strikes now, on the device's dice. */
    boolean roll(Class<? extends Fault.Chance> fault) {
        return faults.strikes(fault, dice);
    }

    void event(String kind, String detail, byte[] bytes) {
        journal.append(new EventEntry(journal.nextSequence(), clock.instant(), kind, detail, bytes));
        LOG.debug("{}: {}", kind, detail);
    }

    private void journalStalled(Stalled s, long clobberedBy) {
        append(s.notification(), s.trigger(), s.prefix(), Integrity.CLOBBERED, clobberedBy, s.at());
    }

    private void append(Notification n, String trigger, byte[] bytes, Integrity integrity, long clobberedBy, Instant at) {
        journal.append(new FragmentEntry(journal.nextSequence(), at, n.fragment().root(), trigger, deviceMacId,
                n.meterMacId(), n.deviceTime(), n.values(), n.text(), bytes, integrity, clobberedBy));
    }
}
