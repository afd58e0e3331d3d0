package dev.metertap.simulator.device;

import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.schedule.EventQueue;
import dev.metertap.simulator.schedule.ScheduleEvent;
import dev.metertap.simulator.schedule.SimulatedClock;
import dev.metertap.simulator.schedule.TimeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The simulated EMU-2: its meters and what it reports of them when; when things fall due is the
 * {@link DeviceSchedule}'s, how bytes reach the cable the {@link DeviceWire}'s, the link's state (start-up, rejoins,
 * restarts) the {@link DeviceLink}'s, unplugs and silences the {@link Cable}'s, commands the {@link CommandDesk}'s and
 * {@link CommandAnswers}'. Everything
 * happens on whichever thread advances the simulated clock or delivers a command, one at a time (the object is its
 * own lock), so a run is a function of the seed, the faults and the commands.
 */
public final class VirtualEmu2 implements TimeDriver.Simulation, DeviceSide {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualEmu2.class);

    private final DeviceConfig config;
    private final SimulatedClock clock;
    private final Faults faults;
    private final HouseholdLoad load;
    private final List<MeterState> meters = new ArrayList<>();
    private final PriceBook prices;
    private final Notifications notes;
    private final SplittableRandom dice;
    private final DeviceSchedule schedule;
    private final EventQueue queue;
    private final DeviceWire wire;
    private final DeviceLink link;
    private final Cable cable;
    private final CommandDesk desk;
    private final DeviceParts parts;

    private boolean poweredOn;
    private long stopAtMillis = Long.MAX_VALUE;

    public VirtualEmu2(DeviceConfig config, SimulatedClock clock, Journal journal, Faults faults, HouseholdLoad load) {
        this.config = config;
        this.clock = clock;
        this.faults = faults;
        this.load = load;
        SplittableRandom root = new SplittableRandom(config.seed());
        this.schedule = new DeviceSchedule(config, clock, root.split(), this::fire);
        this.queue = schedule.queue();
        this.dice = root.split();
        SplittableRandom ids = root.split();
        this.notes = new Notifications(config.identity());
        this.wire = new DeviceWire(clock, journal, faults, notes.device(), dice, root.split());
        for (MeterSpec spec : config.meters()) {
            long delivered = 5_000_000L + ids.nextLong(20_000_000L);
            long received = load.settings().solarPeakWatts() > 0 ? 1_000_000L + ids.nextLong(4_000_000L) : 0;
            meters.add(new MeterState(spec, load, clock.instant(), delivered, received));
        }
        long extPanId = ids.nextLong();
        this.link = new DeviceLink(clock, schedule, wire, notes, meters.get(0), extPanId, ids.nextInt(0x10000));
        DeviceParts.MessageBoard board = new DeviceParts.MessageBoard(new DeviceMessage(ids.nextLong(0x1_0000_0000L),
                "Welcome to Time-of-Use <E-TOU-C> & SmartRate: peak 4-9 pm", "Low", true, false));
        this.prices = new PriceBook(load.settings().zone());
        this.parts = new DeviceParts(clock, meters, notes, prices, load, faults, link, schedule, board);
        this.cable = new Cable(clock, queue, wire);
        this.desk = new CommandDesk(clock, journal, faults, wire, new CommandAnswers(parts));
        for (MeterState m : meters) {
            m.read(clock.instant(), load.watts(clock.instant()));
        }
    }

    /** Connects the device to its endpoints. */
    public synchronized void attach(DeviceOutput newOutput) {
        wire.attach(newOutput);
    }

    /** Powers the device on: the start-up ConnectionStatus sequence, then the schedule. */
    public synchronized void powerOn() {
        powerOn(Duration.ZERO);
    }

    /**
     * Powers the device on, or finds it running for {@code uptime} already: then the link is connected and each
     * notification falls due somewhere in its period, with no start-up sequence.
     */
    public synchronized void powerOn(Duration uptime) {
        if (poweredOn) {
            return;
        }
        poweredOn = true;
        String meterCount = "seed " + config.seed() + ", " + meters.size() + " meter(s)";
        if (uptime.isZero()) {
            wire.event("power-on", meterCount, new byte[0]);
            link.startup(clock.millis());
            return;
        }
        wire.event("power-on", meterCount + ", running for " + uptime, new byte[0]);
        link.connectedAlready();
        schedule.startRunning();
    }

    // ---- time

    @Override
    public synchronized void runUntil(long epochMillis) {
        EventQueue.Task task;
        while ((task = queue.pollDue(epochMillis)) != null) {
            clock.moveTo(task.atMillis());
            try {
                task.action().run();
            } catch (RuntimeException e) {
                LOG.error("device task failed at {}; carrying on", clock.instant(), e);
            }
        }
        if (epochMillis >= stopAtMillis) {
            wire.settle(); // nothing scheduled will cut a stalled write now: journalled before the clock shows the end
        }
        clock.moveTo(epochMillis);
    }

    /** Where the simulated clock stops for good (the builder's {@code stopAt}). */
    public synchronized void stopAt(long epochMillis) {
        stopAtMillis = epochMillis;
    }

    /** Journals a stalled write that nothing cut (the run ends): it stays cut short on the wire. */
    public synchronized void settle() {
        wire.settle();
    }

    /** Advances simulated time by {@code d}, running everything due on the calling thread. */
    public void advance(Duration d) {
        runUntil(clock.millis() + d.toMillis());
    }

    @Override
    public synchronized long nextEventMillis() {
        return queue.nextMillis();
    }

    @Override
    public long pendingBytes() {
        return wire.output().pendingBytes();
    }

    public SimulatedClock clock() {
        return clock;
    }

    private void fire(int meter, ScheduleEvent e) {
        MeterState m = meters.get(meter);
        Instant now = clock.instant();
        switch (e) {
            case DEMAND -> {
                m.read(now, load.watts(now));
                if (link.rejoining()) {
                    wire.emit(notes.connection(m, link.now()), "rejoin");
                } else {
                    wire.emit(notes.demand(m), "schedule");
                    Fault.Rejoin rejoin = faults.get(Fault.Rejoin.class).orElse(null);
                    if (rejoin != null && rejoin.strikes(dice)) {
                        link.startRejoin(rejoin.episode(dice), "fault rejoin");
                    }
                }
            }
            case SUMMATION -> {
                if (!link.rejoining()) {
                    m.takeSummation(now);
                }
                wire.emit(notes.summation(m), link.rejoining() ? "rejoin" : "schedule");
            }
            case PRICE -> wire.emit(notes.price(m, prices.at(now), now), "schedule");
            case TIME -> wire.emit(notes.time(m, now, load.settings().zone()), "schedule");
            case MESSAGE -> wire.emit(notes.message(m, parts.message(), now), "schedule");
        }
        schedule.next(meter, e);
    }

    /** The tail of an old fragment (fault {@code stale-tail}): the last one written, or one from before power-on. */
    @Override
    public synchronized byte[] staleTail(String where) {
        return wire.staleTail(where, () -> {
            Instant before = clock.instant().minusSeconds(212);
            MeterState old = new MeterState(meters.get(0).spec(), load, before, 0, 0);
            old.read(before, load.watts(before));
            return wire.bytes(notes.demand(old));
        });
    }

    @Override
    public synchronized void hostAttached(String where, Consumer<byte[]> putFirst) {
        putFirst.accept(staleTail(where)); // under the device's lock: queued before anything it writes next
    }

    // ---- triggered flaws

    /** Pulls the cable for {@code d} of simulated time: ports vanish, then come back at the same paths. */
    public synchronized void unplug(Duration d) {
        cable.unplug(d);
    }

    /** Schedules an unplug at simulated time {@code when}, for {@code d}. */
    public synchronized void unplugAt(Instant when, Duration d) {
        cable.unplugAt(when, d);
    }

    public synchronized boolean isPlugged() {
        return wire.plugged();
    }

    /** Writes nothing and ignores commands for {@code d} of simulated time (the model keeps running). */
    public synchronized void silence(Duration d) {
        cable.silence(d);
    }

    /** Starts a rejoin episode of {@code d}: ConnectionStatus Rejoining, LinkStrength 0, stale values. */
    public synchronized void rejoin(Duration d) {
        link.startRejoin(d, "requested");
    }

    // ---- commands

    /** A command from a host, answered at once in simulated time. */
    @Override
    public synchronized void receive(ReceivedCommand command, String origin) {
        desk.receive(command, origin);
    }

    /** Journals a load change made from outside (control API, tests). */
    public synchronized void noteLoadChange(String detail) {
        wire.event("load", detail, new byte[0]);
    }
}
