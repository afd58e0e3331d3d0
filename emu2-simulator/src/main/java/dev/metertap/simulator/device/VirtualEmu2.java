package dev.metertap.simulator.device;

import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.fault.FaultName;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.journal.EventEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.journal.JournalEntry;
import dev.metertap.simulator.schedule.EventQueue;
import dev.metertap.simulator.schedule.ScheduleEvent;
import dev.metertap.simulator.schedule.SimulatedClock;
import dev.metertap.simulator.schedule.TimeDriver;
import dev.metertap.simulator.wire.FragmentWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The simulated EMU-2: its meters, its schedule, its replies to commands and its flaws. Everything
 * happens on whichever thread advances the simulated clock or delivers a command, one at a time
 * (the object is its own lock), so a run is a function of the seed, the faults and the commands.
 */
public final class VirtualEmu2 implements TimeDriver.Simulation, DeviceSide {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualEmu2.class);
    private static final List<String> STARTUP = List.of("Initializing...", "Network Discovery", "Joining", "Join: Success", "Connected");
    private static final int MAX_CLOBBER_CHAIN = 3;
    private static final int LINK_STRENGTH = 0x64;

    /** How one periodic notification is scheduled for one meter. */
    record Setting(Duration period, boolean enabled, boolean jittered) {
    }

    private final DeviceConfig config;
    private final SimulatedClock clock;
    private final Journal journal;
    private final Faults faults;
    private final HouseholdLoad load;
    private final List<MeterState> meters = new ArrayList<>();
    private final List<EnumMap<ScheduleEvent, Setting>> schedules = new ArrayList<>();
    private final PriceBook prices;
    private final Notifications notes;
    private final FragmentWriter writer = new FragmentWriter();
    private final SplittableRandom jitter;
    private final SplittableRandom dice;
    private final SplittableRandom tailDice;
    private final EventQueue queue = new EventQueue();
    private final LongSupplier ticker;
    private final CommandAnswers answers;

    private DeviceOutput output = DeviceOutput.NONE;
    private boolean poweredOn;
    private boolean plugged = true;
    private long silentUntil = Long.MIN_VALUE;
    private boolean rejoining;
    private int rejoinEpisode;
    private long fastPollUntil = Long.MIN_VALUE;
    private long fastPollMillis;
    private String linkStatus = "Initializing...";
    private int linkStrength;
    private final long extPanId;
    private final int shortAddr;
    private DeviceMessage message;
    private byte[] lastIntact;
    private long lastCommandNanos = Long.MIN_VALUE;
    private int interruptDepth;
    private boolean interrupting;

    public VirtualEmu2(DeviceConfig config, SimulatedClock clock, Journal journal, Faults faults, HouseholdLoad load) {
        this(config, clock, journal, faults, load, System::nanoTime);
    }

    /** @param ticker host wall time in nanoseconds (only the command-gap fault reads it) */
    public VirtualEmu2(DeviceConfig config, SimulatedClock clock, Journal journal, Faults faults, HouseholdLoad load,
                       LongSupplier ticker) {
        this.config = config;
        this.clock = clock;
        this.journal = journal;
        this.faults = faults;
        this.load = load;
        this.ticker = ticker;
        SplittableRandom root = new SplittableRandom(config.seed());
        this.jitter = root.split();
        this.dice = root.split();
        SplittableRandom ids = root.split();
        this.tailDice = root.split();
        for (MeterSpec spec : config.meters()) {
            long delivered = 5_000_000L + ids.nextLong(20_000_000L);
            long received = load.settings().solarPeakWatts() > 0 ? 1_000_000L + ids.nextLong(4_000_000L) : 0;
            meters.add(new MeterState(spec, load, clock.instant(), delivered, received));
            schedules.add(defaultSchedule());
        }
        this.extPanId = ids.nextLong();
        this.shortAddr = ids.nextInt(0x10000);
        this.message = new DeviceMessage(ids.nextLong(0x1_0000_0000L),
                "Welcome to Time-of-Use <E-TOU-C> & SmartRate: peak 4-9 pm", "Low", true, false);
        this.prices = new PriceBook(load.settings().zone());
        this.notes = new Notifications(config.identity());
        this.answers = new CommandAnswers(this);
        for (MeterState m : meters) {
            m.read(clock.instant(), load.watts(clock.instant()));
        }
    }

    private EnumMap<ScheduleEvent, Setting> defaultSchedule() {
        EnumMap<ScheduleEvent, Setting> s = new EnumMap<>(ScheduleEvent.class);
        for (ScheduleEvent e : ScheduleEvent.values()) {
            s.put(e, new Setting(config.periods().get(e), true, e == ScheduleEvent.DEMAND));
        }
        return s;
    }

    /** Connects the device to its endpoints. */
    public synchronized void attach(DeviceOutput newOutput) {
        this.output = newOutput;
    }

    /** Powers the device on: the start-up ConnectionStatus sequence, then the schedule. */
    public synchronized void powerOn() {
        if (poweredOn) {
            return;
        }
        poweredOn = true;
        event("power-on", "seed " + config.seed() + ", " + meters.size() + " meter(s)", new byte[0]);
        startup(clock.millis());
    }

    private void startup(long at) {
        // a restart forgets the schedule, not the world: unplug, replug and rejoin endings stay
        queue.removeIf(t -> t.event() != null || t.purpose().equals("startup"));
        rejoining = false;
        for (int i = 0; i < STARTUP.size(); i++) {
            String status = STARTUP.get(i);
            queue.schedule(at + i * 1000L, "startup", () -> {
                setLink(status, status.equals("Connected") ? LINK_STRENGTH : 0);
                emit(notes.connection(meters.get(0), link()), "startup");
            });
        }
        long first = at + STARTUP.size() * 1000L;
        for (int m = 0; m < meters.size(); m++) {
            int meter = m;
            long offset = first + m * 500L;
            for (ScheduleEvent e : ScheduleEvent.values()) {
                if (schedules.get(m).get(e).enabled()) {
                    queue.schedule(offset + e.ordinal() * 1000L, e, meter, () -> fire(meter, e));
                }
            }
        }
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
        clock.moveTo(epochMillis);
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
        return output.pendingBytes();
    }

    public SimulatedClock clock() {
        return clock;
    }

    // ---- the schedule

    private void fire(int meter, ScheduleEvent e) {
        MeterState m = meters.get(meter);
        Instant now = clock.instant();
        switch (e) {
            case DEMAND -> {
                m.read(now, load.watts(now));
                if (rejoining) {
                    emit(notes.connection(m, link()), "rejoin");
                } else {
                    emit(notes.demand(m), "schedule");
                    if (!interrupting && roll(FaultName.REJOIN)) {
                        startRejoin(Duration.ofSeconds(60 + dice.nextInt(241)), "fault rejoin");
                    }
                }
            }
            case SUMMATION -> {
                if (!rejoining) {
                    m.takeSummation(now);
                }
                emit(notes.summation(m), rejoining ? "rejoin" : "schedule");
            }
            case PRICE -> emit(notes.price(m, prices.at(now), now), "schedule");
            case TIME -> emit(notes.time(m, now, load.settings().zone()), "schedule");
            case MESSAGE -> emit(notes.message(m, message, now), "schedule");
        }
        scheduleNext(meter, e, clock.millis());
    }

    private void scheduleNext(int meter, ScheduleEvent e, long from) {
        Setting s = schedules.get(meter).get(e);
        if (s.enabled()) {
            queue.schedule(from + periodMillis(meter, e), e, meter, () -> fire(meter, e));
        }
    }

    private long periodMillis(int meter, ScheduleEvent e) {
        Setting s = schedules.get(meter).get(e);
        if (e == ScheduleEvent.DEMAND && clock.millis() < fastPollUntil) {
            return fastPollMillis;
        }
        if (s.jittered()) {
            long min = config.demandJitterMin().toMillis();
            long max = config.demandJitterMax().toMillis();
            return min + jitter.nextLong(max - min + 1);
        }
        return Math.max(1000, s.period().toMillis());
    }

    void reschedule(int meter, ScheduleEvent e, Setting setting) {
        schedules.get(meter).put(e, setting);
        queue.removeIf(t -> t.event() == e && t.meter() == meter);
        scheduleNext(meter, e, clock.millis());
    }

    void resetSchedule(int meter, ScheduleEvent only) {
        EnumMap<ScheduleEvent, Setting> defaults = defaultSchedule();
        for (ScheduleEvent e : ScheduleEvent.values()) {
            if (only == null || only == e) {
                reschedule(meter, e, defaults.get(e));
            }
        }
    }

    Setting setting(int meter, ScheduleEvent e) {
        return schedules.get(meter).get(e);
    }

    void fastPoll(int meter, long frequencySeconds, long durationSeconds) {
        fastPollMillis = frequencySeconds * 1000;
        fastPollUntil = durationSeconds == 0 ? Long.MIN_VALUE : clock.millis() + durationSeconds * 1000;
        queue.removeIf(t -> t.event() == ScheduleEvent.DEMAND && t.meter() == meter);
        scheduleNext(meter, ScheduleEvent.DEMAND, clock.millis());
    }

    long fastPollSeconds() {
        return clock.millis() < fastPollUntil ? fastPollMillis / 1000 : 0;
    }

    Instant fastPollEnd() {
        return clock.millis() < fastPollUntil ? Instant.ofEpochMilli(fastPollUntil) : null;
    }

    // ---- writing, and the wire's flaws

    /** Writes a notification to the wire (or loses it), applying the fragment faults, and journals it. */
    void emit(Notification n, String trigger) {
        int depth = interruptDepth;
        interruptDepth = 0;
        Instant now = clock.instant();
        if (n.hasTimestamp() && roll(FaultName.SENTINELS)) {
            n = n.withSentinelTimestamp();
        }
        if (n.isSummation() && roll(FaultName.ZERO_SUMMATION)) {
            n = n.withZeroCounters();
        }
        byte[] bytes = writer.bytes(n.fragment());
        if (!plugged || clock.millis() < silentUntil) {
            append(n, trigger, bytes, Integrity.LOST, 0, now);
            return;
        }
        if (depth == 0 && roll(FaultName.NUL_BYTES)) {
            byte[] nul = new byte[1 + dice.nextInt(8)];
            output.write(nul);
            event("nul-bytes", nul.length + " NUL byte(s) before the next fragment", nul);
        }
        if (depth < MAX_CLOBBER_CHAIN && roll(FaultName.CLOBBER)) {
            int cut = 1 + dice.nextInt(bytes.length - 3);
            byte[] prefix = Arrays.copyOf(bytes, cut);
            long sequence = journal.nextSequence();
            output.write(prefix);
            append(n, trigger, prefix, Integrity.CLOBBERED, sequence + 1, now);
            interrupt(depth + 1, sequence + 1);
            return;
        }
        output.write(bytes);
        lastIntact = bytes;
        append(n, trigger, bytes, Integrity.INTACT, 0, now);
    }

    /** The next scheduled notification fires now, cutting off what was being written. */
    private void interrupt(int depth, long expectedSequence) {
        EventQueue.Task task = queue.pollFirstNotification();
        boolean was = interrupting;
        interrupting = true;
        interruptDepth = depth;
        try {
            if (task != null) {
                task.action().run();
            } else {
                emit(notes.demand(meters.get(0)), "interrupter");
            }
        } finally {
            interrupting = was;
            interruptDepth = 0;
        }
        List<JournalEntry> after = journal.entriesAfter(expectedSequence - 1);
        if (after.isEmpty() || !(after.get(0) instanceof FragmentEntry)) {
            LOG.warn("clobbered fragment #{} has no interrupter journalled right after it", expectedSequence - 1);
        }
    }

    private void append(Notification n, String trigger, byte[] bytes, Integrity integrity, long clobberedBy, Instant now) {
        journal.append(new FragmentEntry(journal.nextSequence(), now, n.fragment().root(), trigger, notes.device(),
                n.meterMacId(), n.deviceTime(), n.values(), n.text(), bytes, integrity, clobberedBy));
    }

    private void event(String kind, String detail, byte[] bytes) {
        journal.append(new EventEntry(journal.nextSequence(), clock.instant(), kind, detail, bytes));
        LOG.debug("{}: {}", kind, detail);
    }

    private boolean roll(FaultName fault) {
        double p = faults.value(fault);
        return p > 0 && dice.nextDouble() < p;
    }

    /**
     * The bytes a newly opened port shows first: with fault {@code stale-tail}, the tail of an old
     * fragment (the last one written, or one from before power-on), else nothing. Journalled.
     */
    @Override
    public synchronized byte[] staleTail(String where) {
        double p = faults.value(FaultName.STALE_TAIL);
        if (!(p > 0 && tailDice.nextDouble() < p)) {
            return new byte[0];
        }
        byte[] source = lastIntact;
        if (source == null) {
            MeterState m = meters.get(0);
            MeterState old = new MeterState(m.spec(), load, clock.instant().minusSeconds(212), 0, 0);
            old.read(clock.instant().minusSeconds(212), load.watts(clock.instant().minusSeconds(212)));
            source = writer.bytes(notes.demand(old).fragment());
        }
        int from = source.length / 4 + tailDice.nextInt(source.length / 2);
        byte[] tail = Arrays.copyOfRange(source, from, source.length);
        event("stale-tail", "old bytes waiting at " + where, tail);
        return tail;
    }

    // ---- triggered flaws

    /** Pulls the cable for {@code d} of simulated time: ports vanish, then come back at the same paths. */
    public synchronized void unplug(Duration d) {
        if (!plugged) {
            return;
        }
        plugged = false;
        event("unplug", "for " + d, new byte[0]);
        output.unplug();
        queue.schedule(clock.millis() + Math.max(1, d.toMillis()), "replug", this::replug);
    }

    /** Schedules an unplug at simulated time {@code when}, for {@code d}. */
    public synchronized void unplugAt(Instant when, Duration d) {
        queue.schedule(Math.max(clock.millis(), when.toEpochMilli()), "unplug", () -> unplug(d));
    }

    private void replug() {
        plugged = true;
        event("replug", "ports back", new byte[0]);
        output.replug();
    }

    public synchronized boolean isPlugged() {
        return plugged;
    }

    /** Writes nothing and ignores commands for {@code d} of simulated time (the model keeps running). */
    public synchronized void silence(Duration d) {
        silentUntil = clock.millis() + d.toMillis();
        event("silence", "until " + Instant.ofEpochMilli(silentUntil), new byte[0]);
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
        event("rejoin", why + ", for " + d, new byte[0]);
        setLink("Rejoining", 0);
        emit(notes.connection(meters.get(0), link()), "rejoin");
        queue.schedule(clock.millis() + d.toMillis(), "rejoin-end", () -> {
            if (!rejoining || episode != rejoinEpisode) {
                return; // a restart ended this episode already
            }
            rejoining = false;
            setLink("Connected", LINK_STRENGTH);
            emit(notes.connection(meters.get(0), link()), "rejoin");
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
        long nanos = ticker.getAsLong();
        long previous = lastCommandNanos;
        lastCommandNanos = nanos;
        if (!plugged || clock.millis() < silentUntil) {
            journalCommand(command, origin, CommandEntry.Outcome.IGNORED_SILENT, 0);
            return;
        }
        double gap = faults.value(FaultName.COMMAND_GAP);
        if (gap > 0 && previous != Long.MIN_VALUE && nanos - previous < gap * 1e9) {
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
        if (!answer.replies().isEmpty() && roll(FaultName.DROP_REPLIES)) {
            journalCommand(command, origin, CommandEntry.Outcome.REPLY_DROPPED, 0);
            return;
        }
        journalCommand(command, origin, answer.outcome(), answer.replies().size());
        for (Notification reply : answer.replies()) {
            emit(reply, "reply:" + (command.name().isEmpty() ? "?" : command.name()));
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
        event("factory-reset", "decommissioned", new byte[0]);
        setLink("Disconnected", 0);
        emit(notes.connection(meters.get(0), link()), "factory_reset");
        restart();
    }

    /** Journals a load change made from outside (control API, tests). */
    public synchronized void noteLoadChange(String detail) {
        event("load", detail, new byte[0]);
    }
}
