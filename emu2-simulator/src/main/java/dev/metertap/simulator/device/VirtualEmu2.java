package dev.metertap.simulator.device;

import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.CommandEntry;
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

/**
 * The simulated EMU-2: its meters, its life (power-on, rejoins, unplugs, restarts) and its answers to commands; when
 * things fall due is the {@link DeviceSchedule}'s, how bytes reach the cable the {@link DeviceWire}'s. Everything
 * happens on whichever thread advances the simulated clock or delivers a command, one at a time (the object is its
 * own lock), so a run is a function of the seed, the faults and the commands.
 */
public final class VirtualEmu2 implements TimeDriver.Simulation, DeviceSide {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualEmu2.class);
    private static final List<String> STARTUP = List.of("Initializing...", "Network Discovery", "Joining", "Join: Success", "Connected");
    private static final int LINK_STRENGTH = 0x64;

    private final DeviceConfig config;
    private final SimulatedClock clock;
    private final Journal journal;
    private final Faults faults;
    private final HouseholdLoad load;
    private final List<MeterState> meters = new ArrayList<>();
    private final PriceBook prices;
    private final Notifications notes;
    private final SplittableRandom dice;
    private final DeviceSchedule schedule;
    private final EventQueue queue;
    private final DeviceWire wire;
    private final CommandAnswers answers;

    private boolean poweredOn;
    private boolean rejoining;
    private int rejoinEpisode;
    private String linkStatus = "Initializing...";
    private int linkStrength;
    private final long extPanId;
    private final int shortAddr;
    private DeviceMessage message;
    private long lastCommandMillis = Long.MIN_VALUE;
    private long stopAtMillis = Long.MAX_VALUE;

    public VirtualEmu2(DeviceConfig config, SimulatedClock clock, Journal journal, Faults faults, HouseholdLoad load) {
        this.config = config;
        this.clock = clock;
        this.journal = journal;
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
        this.extPanId = ids.nextLong();
        this.shortAddr = ids.nextInt(0x10000);
        this.message = new DeviceMessage(ids.nextLong(0x1_0000_0000L),
                "Welcome to Time-of-Use <E-TOU-C> & SmartRate: peak 4-9 pm", "Low", true, false);
        this.prices = new PriceBook(load.settings().zone());
        this.answers = new CommandAnswers(this);
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
            startup(clock.millis());
            return;
        }
        wire.event("power-on", meterCount + ", running for " + uptime, new byte[0]);
        setLink("Connected", LINK_STRENGTH);
        schedule.startRunning();
    }

    private void startup(long at) {
        // a restart forgets the schedule, not the world: unplug, replug and rejoin endings stay
        queue.removeIf(t -> t.event() != null || t.purpose().equals("startup"));
        rejoining = false;
        for (int i = 0; i < STARTUP.size(); i++) {
            String status = STARTUP.get(i);
            queue.schedule(at + i * 1000L, "startup", () -> {
                setLink(status, status.equals("Connected") ? LINK_STRENGTH : 0);
                wire.emit(notes.connection(meters.get(0), link()), "startup");
            });
        }
        schedule.startAt(at + STARTUP.size() * 1000L);
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
                if (rejoining) {
                    wire.emit(notes.connection(m, link()), "rejoin");
                } else {
                    wire.emit(notes.demand(m), "schedule");
                    Fault.Rejoin rejoin = faults.get(Fault.Rejoin.class).orElse(null);
                    if (rejoin != null && rejoin.strikes(dice)) {
                        startRejoin(rejoin.episode(dice), "fault rejoin");
                    }
                }
            }
            case SUMMATION -> {
                if (!rejoining) {
                    m.takeSummation(now);
                }
                wire.emit(notes.summation(m), rejoining ? "rejoin" : "schedule");
            }
            case PRICE -> wire.emit(notes.price(m, prices.at(now), now), "schedule");
            case TIME -> wire.emit(notes.time(m, now, load.settings().zone()), "schedule");
            case MESSAGE -> wire.emit(notes.message(m, message, now), "schedule");
        }
        schedule.next(meter, e);
    }

    DeviceSchedule schedule() {
        return schedule;
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

    // ---- triggered flaws

    /** Pulls the cable for {@code d} of simulated time: ports vanish, then come back at the same paths. */
    public synchronized void unplug(Duration d) {
        if (!wire.plugged()) {
            return;
        }
        wire.plug(false);
        wire.event("unplug", "for " + d, new byte[0]);
        wire.output().unplug();
        queue.schedule(clock.millis() + Math.max(1, d.toMillis()), "replug", this::replug);
    }

    /** Schedules an unplug at simulated time {@code when}, for {@code d}. */
    public synchronized void unplugAt(Instant when, Duration d) {
        queue.schedule(Math.max(clock.millis(), when.toEpochMilli()), "unplug", () -> unplug(d));
    }

    private void replug() {
        wire.plug(true);
        wire.event("replug", "ports back", new byte[0]);
        wire.output().replug();
    }

    public synchronized boolean isPlugged() {
        return wire.plugged();
    }

    /** Writes nothing and ignores commands for {@code d} of simulated time (the model keeps running). */
    public synchronized void silence(Duration d) {
        long until = clock.millis() + d.toMillis();
        wire.silenceUntil(until);
        wire.event("silence", "until " + Instant.ofEpochMilli(until), new byte[0]);
    }

    /** Starts a rejoin episode of {@code d}: ConnectionStatus Rejoining, LinkStrength 0, stale values. */
    public synchronized void rejoin(Duration d) {
        startRejoin(d, "requested");
    }

    private void startRejoin(Duration d, String why) {
        if (rejoining) {
            return;
        }
        rejoining = true;
        int episode = ++rejoinEpisode;
        wire.event("rejoin", why + ", for " + d, new byte[0]);
        setLink("Rejoining", 0);
        wire.emit(notes.connection(meters.get(0), link()), "rejoin");
        queue.schedule(clock.millis() + d.toMillis(), "rejoin-end", () -> {
            if (!rejoining || episode != rejoinEpisode) {
                return; // a restart ended this episode already
            }
            rejoining = false;
            setLink("Connected", LINK_STRENGTH);
            wire.emit(notes.connection(meters.get(0), link()), "rejoin");
        });
    }

    /** The device restarts (as for the {@code restart} command). */
    synchronized void restart() {
        setLink("Initializing...", 0);
        startup(clock.millis());
    }

    // ---- commands

    /** A command from a host, answered at once in simulated time. */
    @Override
    public synchronized void receive(ReceivedCommand command, String origin) {
        long millis = clock.millis();
        long previous = lastCommandMillis;
        lastCommandMillis = millis;
        if (wire.quiet()) {
            journalCommand(command, origin, CommandEntry.Outcome.IGNORED_SILENT, 0);
            return;
        }
        // on the device's own clock: the fault is about the device's pace, whatever the simulation's speed
        if (faults.get(Fault.CommandGap.class).map(gap -> gap.tooSoon(previous, millis)).orElse(false)) {
            journalCommand(command, origin, CommandEntry.Outcome.IGNORED_TOO_CLOSE, 0);
            return;
        }
        CommandAnswers.Answer answer;
        try {
            answer = answers.answer(command);
        } catch (RuntimeException e) {
            LOG.warn("command {} could not be handled: {}", command, e.toString());
            answer = new CommandAnswers.Answer(CommandEntry.Outcome.INVALID, List.of());
        }
        if (!answer.replies().isEmpty() && wire.roll(Fault.DropReplies.class)) {
            journalCommand(command, origin, CommandEntry.Outcome.REPLY_DROPPED, 0);
            return;
        }
        journalCommand(command, origin, answer.outcome(), answer.replies().size());
        for (Notification reply : answer.replies()) {
            wire.emit(reply, DeviceWire.REPLY + (command.name().isEmpty() ? "?" : command.name()));
        }
    }

    private void journalCommand(ReceivedCommand c, String origin, CommandEntry.Outcome outcome, int replies) {
        journal.append(new CommandEntry(journal.nextSequence(), clock.instant(), c.name(), c.params(), origin, outcome, replies));
    }

    // ---- state the answers read

    List<MeterState> meters() {
        return meters;
    }

    Notifications notes() {
        return notes;
    }

    PriceBook prices() {
        return prices;
    }

    HouseholdLoad load() {
        return load;
    }

    Faults faults() {
        return faults;
    }

    Instant now() {
        return clock.instant();
    }

    Notifications.Link link() {
        return new Notifications.Link(linkStatus, linkStrength, extPanId, 25, shortAddr);
    }

    private void setLink(String status, int strength) {
        linkStatus = status;
        linkStrength = strength;
    }

    DeviceMessage message() {
        return message;
    }

    void confirmMessage() {
        message = message.confirm();
    }

    void decommission() {
        wire.event("factory-reset", "decommissioned", new byte[0]);
        setLink("Disconnected", 0);
        wire.emit(notes.connection(meters.get(0), link()), "factory_reset");
        restart();
    }

    /** Journals a load change made from outside (control API, tests). */
    public synchronized void noteLoadChange(String detail) {
        wire.event("load", detail, new byte[0]);
    }
}
