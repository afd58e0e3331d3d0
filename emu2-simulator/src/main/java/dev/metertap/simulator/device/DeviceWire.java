package dev.metertap.simulator.device;

import dev.metertap.simulator.fault.FaultName;
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
        if (n.hasTimestamp() && roll(FaultName.SENTINELS)) {
            n = n.withSentinelTimestamp();
        }
        if (n.isSummation() && roll(FaultName.ZERO_SUMMATION)) {
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
        if (victim == null && roll(FaultName.NUL_BYTES)) {
            byte[] nul = new byte[1 + dice.nextInt(8)];
            output.write(nul);
            event("nul-bytes", nul.length + " NUL byte(s) before the next fragment", nul);
        }
        int chain = victim == null ? 0 : victim.chain();
        if (chain < MAX_CLOBBER_CHAIN && stalls(trigger)) {
            int cut = 1 + dice.nextInt(bytes.length - 3);
            byte[] prefix = Arrays.copyOf(bytes, cut);
            output.write(prefix);
            stalled = new Stalled(n, trigger, prefix, now, chain + 1);
            return;
        }
        output.write(bytes);
        lastIntact = bytes;
        append(n, trigger, bytes, Integrity.INTACT, 0, now);
    }

    /** Command replies are the most exposed writes, as users of real units report: exposed twice as long. */
    private boolean stalls(String trigger) {
        double p = faults.value(FaultName.CLOBBER);
        if (trigger.startsWith(REPLY)) {
            p = 1 - (1 - p) * (1 - p);
        }
        return p > 0 && dice.nextDouble() < p;
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
        double p = faults.value(FaultName.STALE_TAIL);
        if (!(p > 0 && tailDice.nextDouble() < p)) {
            return new byte[0];
        }
        byte[] source = lastIntact != null ? lastIntact : beforePowerOn.get();
        int from = source.length / 4 + tailDice.nextInt(source.length / 2);
        byte[] tail = Arrays.copyOfRange(source, from, source.length);
        event("stale-tail", "old bytes waiting at " + where, tail);
        return tail;
    }

    byte[] bytes(Notification n) {
        return writer.bytes(n.fragment());
    }

    boolean roll(FaultName fault) {
        double p = faults.value(fault);
        return p > 0 && dice.nextDouble() < p;
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
