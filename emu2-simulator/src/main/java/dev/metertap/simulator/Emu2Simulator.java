package dev.metertap.simulator;

import dev.metertap.simulator.command.CommandReader;
import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.device.DeviceConfig;
import dev.metertap.simulator.device.DeviceIdentity;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.device.LoadSettings;
import dev.metertap.simulator.device.MeterInfoForm;
import dev.metertap.simulator.device.MeterSpec;
import dev.metertap.simulator.device.VirtualEmu2;
import dev.metertap.simulator.endpoint.Ports;
import dev.metertap.simulator.endpoint.PtyEndpoint;
import dev.metertap.simulator.endpoint.StdioEndpoint;
import dev.metertap.simulator.endpoint.TcpEndpoint;
import dev.metertap.simulator.endpoint.WireTiming;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.FaultSyntax;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.journal.JsonLinesJournal;
import dev.metertap.simulator.schedule.ScheduleEvent;
import dev.metertap.simulator.schedule.SimulatedClock;
import dev.metertap.simulator.schedule.TimeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual EMU-2, put together: the device, its endpoints, its clock, its journal. Build it, {@link
 * #start()} it, read it over its pty or TCP port, {@link #close()} it.
 *
 * <pre>{@code
 * try (Emu2Simulator emu = Emu2Simulator.builder().seed(42).manualTime().pty(link).build().start()) {
 *     emu.advance(Duration.ofMinutes(5));             // fragments written synchronously
 *     emu.journal().fragments("InstantaneousDemand");  // what was written, decoded
 * }
 * }</pre>
 */
public final class Emu2Simulator implements AutoCloseable {

    /** Simulated time at power-on unless told otherwise: the reference example's 2024-06-01T12:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2024-06-01T12:00:00Z");
    /** Bytes per simulated second the device writes: 115,200 baud's worth (an assumption: not measured on a unit). */
    public static final int DEFAULT_WRITE_RATE = 11_520;
    private static final Logger LOG = LoggerFactory.getLogger(Emu2Simulator.class);

    private final Builder settings;
    private final Journal journal;
    private final Faults faults = new Faults();
    private final SimulatedClock clock;
    private final HouseholdLoad load;
    private final VirtualEmu2 device;
    private final Ports ports = new Ports();
    private PtyEndpoint pty;
    private TcpEndpoint tcp;
    private TimeDriver driver;
    private JsonLinesJournal journalFile;
    private boolean started;

    private Emu2Simulator(Builder b) {
        this.settings = b;
        this.journal = new Journal(b.journalRetain);
        DeviceIdentity identity = DeviceIdentity.fromSeed(b.seed);
        if (b.deviceMacId != null) {
            identity = identity.withDeviceMacId(b.deviceMacId);
        }
        identity = identity.withMeterInfoForm(b.meterInfoForm);
        DeviceConfig config = new DeviceConfig(b.seed, identity,
                b.meters.isEmpty() ? DeviceConfig.defaults(b.seed).meters() : b.meters,
                b.load, b.start, b.demandMin, b.demandMax, b.periods);
        this.clock = new SimulatedClock(b.start);
        this.load = new HouseholdLoad(b.seed, b.load);
        this.device = new VirtualEmu2(config, clock, journal, faults, load);
        b.faults.forEach(faults::set);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the endpoints, powers the device on and, unless in manual time or held, starts the clock. */
    public synchronized Emu2Simulator start() throws IOException {
        if (started) {
            return this;
        }
        started = true;
        try {
            if (settings.journalFile != null) {
                journalFile = JsonLinesJournal.attach(journal, settings.journalFile);
            }
            if (settings.pty) {
                pty = new PtyEndpoint(settings.link, device, wireTiming());
                ports.add(pty);
                pty.start();
            }
            if (settings.tcp != null) {
                tcp = new TcpEndpoint(settings.tcp, device, wireTiming());
                ports.add(tcp);
                tcp.start();
            }
            if (settings.stdin != null) {
                StdioEndpoint stdio = new StdioEndpoint(settings.stdin, settings.stdout, device, wireTiming());
                ports.add(stdio);
                stdio.start();
            }
            device.attach(ports);
            if (settings.stopAt != null) {
                device.stopAt(settings.stopAt.toEpochMilli());
            }
            device.powerOn(settings.uptime);
            if (settings.speed > 0) {
                driver = new TimeDriver(device, clock, settings.speed,
                        settings.stopAt == null ? Long.MAX_VALUE : settings.stopAt.toEpochMilli());
                if (!settings.holdClock) {
                    driver.start();
                }
            }
            LOG.info("virtual EMU-2 started: seed {}, {}{}, faults {}", settings.seed,
                    settings.speed > 0 ? "speed " + settings.speed : "manual time",
                    settings.speed > 0 && settings.holdClock ? " (clock held)" : "", faults);
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Packets at the device's write rate, in wall time at the clock's speed (no pacing in manual time). */
    private WireTiming wireTiming() {
        return new WireTiming(settings.wholeWrites ? 0 : WireTiming.USB_PACKET_BYTES,
                () -> settings.speed > 0 ? settings.writeRate * settings.speed : 0, () -> faults.get(Fault.Trickle.class).map(Fault.Trickle::amount).orElse(0.0));
    }

    /**
     * With {@link Builder#holdClock()}: starts the clock now. Until then the device answers commands at its start
     * time, so a reader that needs a while to connect and ask who the device is misses nothing of an accelerated
     * run. Calling it again, or without a held clock, changes nothing.
     */
    public synchronized void runClock() {
        if (!started) {
            throw new IllegalStateException("start() the simulator before running its clock");
        }
        if (driver != null) {
            driver.start();
        }
    }

    /** Manual time only: moves the simulated clock on, writing everything due, before returning. */
    public void advance(Duration d) {
        if (driver != null) {
            throw new IllegalStateException("the clock is driven at speed " + settings.speed + "; advance() needs manualTime()");
        }
        device.advance(d);
    }

    /** Simulated now. */
    public Instant now() {
        return clock.instant();
    }

    public SimulatedClock clock() {
        return clock;
    }

    /**
     * Waits (at most {@code timeout} of wall time) until simulated time reaches {@code instant} and
     * everything due by then has been written and journalled; false if it did not in time.
     */
    public boolean awaitTime(Instant instant, Duration timeout) throws InterruptedException {
        if (!clock.awaitReaching(instant, timeout)) {
            return false;
        }
        device.nextEventMillis(); // takes the device's lock: the step that reached the instant has finished
        return true;
    }

    public boolean isManualTime() {
        return settings.speed <= 0;
    }

    public Journal journal() {
        return journal;
    }

    public Faults faults() {
        return faults;
    }

    /** The household; set an extra or a fixed load here (each change is journalled). */
    public void setExtraWatts(int watts) {
        load.setExtraWatts(watts);
        device.noteLoadChange("extra load " + watts + " W");
    }

    /** Pins the house's net load to {@code watts} (null releases it). */
    public void setFixedWatts(Integer watts) {
        load.setFixedWatts(watts);
        device.noteLoadChange(watts == null ? "load follows the model" : "load fixed at " + watts + " W");
    }

    public HouseholdLoad load() {
        return load;
    }

    public void unplug(Duration d) {
        device.unplug(d);
    }

    /** Pulls the cable at simulated time {@code when} (deterministic, unlike calling {@link #unplug} from outside). */
    public void unplugAt(Instant when, Duration d) {
        device.unplugAt(when, d);
    }

    public boolean isPlugged() {
        return device.isPlugged();
    }

    public void silence(Duration d) {
        device.silence(d);
    }

    public void rejoin(Duration d) {
        device.rejoin(d);
    }

    /** Delivers command text as if a host had written it (origin {@code api}); lenient like every endpoint. */
    public int command(String xml) {
        List<ReceivedCommand> commands = new CommandReader().feed(xml.getBytes(StandardCharsets.ISO_8859_1));
        commands.forEach(c -> device.receive(c, "api"));
        return commands.size();
    }

    /** The serial port path to open (the symlink when there is one); empty without a pty. */
    public Optional<String> portPath() {
        return Optional.ofNullable(pty).map(PtyEndpoint::portPath);
    }

    /** The TCP address to connect to; empty without TCP. */
    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcp).map(TcpEndpoint::address);
    }

    public long seed() {
        return settings.seed;
    }

    @Override
    public synchronized void close() {
        if (driver != null) {
            driver.close();
            driver = null;
        }
        device.settle();
        ports.close();
        if (journalFile != null) {
            try {
                journalFile.close();
            } catch (IOException e) {
                LOG.warn("cannot close the journal file: {}", e.toString());
            }
            journalFile = null;
        }
    }

    /** How to make a simulator; every setting has a default. */
    public static final class Builder {
        private long seed = 1;
        private final List<MeterSpec> meters = new ArrayList<>();
        private LoadSettings load = LoadSettings.defaults();
        private Instant start = DEFAULT_START;
        private Duration demandMin = Duration.ofSeconds(8);
        private Duration demandMax = Duration.ofSeconds(11);
        private final Map<ScheduleEvent, Duration> periods = new EnumMap<>(ScheduleEvent.class);
        private boolean pty = true;
        private Path link = PtyEndpoint.DEFAULT_LINK;
        private InetSocketAddress tcp;
        private InputStream stdin;
        private OutputStream stdout;
        private double speed = 1;
        private final List<Fault> faults = new ArrayList<>();
        private Path journalFile;
        private Long deviceMacId;
        private MeterInfoForm meterInfoForm = MeterInfoForm.NUMBER;
        private Instant stopAt;
        private boolean holdClock;
        private Duration uptime = Duration.ZERO;
        private int writeRate = DEFAULT_WRITE_RATE;
        private boolean wholeWrites;
        private int journalRetain = Integer.MAX_VALUE;

        private Builder() {
        }

        /** The DeviceMacId (default: Rainforest's prefix and bits from the seed). */
        /** How MeterInfo is written; default {@link MeterInfoForm#NUMBER} ({@code <MeterType>0x0000</MeterType>}). */
        public Builder meterInfoForm(MeterInfoForm form) {
            this.meterInfoForm = Objects.requireNonNull(form);
            return this;
        }

        public Builder deviceMacId(long mac) {
            this.deviceMacId = mac;
            return this;
        }

        /** The one source of randomness; same seed and same inputs give the same bytes. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Adds a meter (the default is one meter, Multiplier 1, Divisor 1000). */
        public Builder meter(MeterSpec meter) {
            meters.add(meter);
            return this;
        }

        public Builder load(LoadSettings settings) {
            this.load = settings;
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.load = load.withZone(zone);
            return this;
        }

        /** Rooftop solar peaking at {@code watts} (demand goes negative around midday). */
        public Builder solar(int watts) {
            this.load = load.withSolar(watts);
            return this;
        }

        /** Simulated time at power-on (default 2024-06-01T12:00:00Z). */
        public Builder start(Instant instant) {
            this.start = instant;
            return this;
        }

        /** Gap between demand notifications, drawn evenly from [min, max] (default 8 to 11 s). */
        public Builder demandEvery(Duration min, Duration max) {
            this.demandMin = min;
            this.demandMax = max;
            return this;
        }

        public Builder period(ScheduleEvent event, Duration period) {
            periods.put(event, period);
            return this;
        }

        /** A pseudo-terminal behind {@code symlink} (default {@code /tmp/emu2/ttyEMU2}); null for no symlink. */
        public Builder pty(Path symlink) {
            this.pty = true;
            this.link = symlink;
            return this;
        }

        public Builder noPty() {
            this.pty = false;
            return this;
        }

        /** Whether the pty's link is still {@link PtyEndpoint#DEFAULT_LINK} (which concurrent tests must not share). */
        public boolean usesDefaultLink() {
            return pty && PtyEndpoint.DEFAULT_LINK.equals(link);
        }

        /** A TCP server on the loopback interface, port 0 for any free one. */
        public Builder tcp(int port) {
            return tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }

        public Builder tcp(InetSocketAddress address) {
            this.tcp = address;
            return this;
        }

        public Builder stdio(InputStream in, OutputStream out) {
            this.stdin = in;
            this.stdout = out;
            return this;
        }

        /** Simulated seconds per wall-clock second (default 1). */
        public Builder speed(double simulatedSecondsPerSecond) {
            if (!(simulatedSecondsPerSecond > 0)) {
                throw new IllegalArgumentException("speed must be positive");
            }
            this.speed = simulatedSecondsPerSecond;
            return this;
        }

        /**
         * With a speed: the clock stops for good at {@code instant} (everything due up to it is written),
         * so a run of exactly N simulated hours can be compared with its journal.
         */
        public Builder stopAt(Instant instant) {
            this.stopAt = instant;
            return this;
        }

        /**
         * With a speed: {@link Emu2Simulator#start()} leaves the clock at its start until {@link Emu2Simulator#runClock()},
         * so that an accelerated run does not race ahead of a reader still connecting.
         */
        public Builder holdClock() {
            this.holdClock = true;
            return this;
        }

        /**
         * The device has been running this long at its start time, as a unit somebody plugs into usually has: no
         * start-up burst (ConnectionStatus ×5), the link already connected and each notification somewhere in its
         * period. Default zero: it powers on at its start time.
         */
        public Builder uptime(Duration running) {
            if (running.isNegative()) {
                throw new IllegalArgumentException("uptime must not be negative");
            }
            this.uptime = running;
            return this;
        }

        /** Bytes per simulated second the device writes (default {@value #DEFAULT_WRITE_RATE}); paced in wall time at the speed. */
        public Builder writeRate(int bytesPerSecond) {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("the write rate must be at least 1 byte a second");
            }
            this.writeRate = bytesPerSecond;
            return this;
        }

        /** Each fragment in one write, as a reader of a plain pipe would get it, instead of 64-byte USB packets. */
        public Builder wholeWrites() {
            this.wholeWrites = true;
            return this;
        }

        /** Time moves only with {@link Emu2Simulator#advance(Duration)}, which writes synchronously. */
        public Builder manualTime() {
            this.speed = 0;
            return this;
        }

        /** A fault in force from the start (a later one of the same kind replaces it). */
        public Builder fault(Fault fault) {
            faults.add(fault);
            return this;
        }

        /** As the user writes it ({@code --fault clobber=0.2}); throws, in the user's words, on bad input. */
        public Builder fault(String name, double value) {
            FaultSyntax.Kind kind = FaultSyntax.kind(name);
            if (value == 0) {
                faults.removeIf(f -> f.getClass() == kind.type());
                return this;
            }
            return fault(kind.of(value));
        }

        /** Keeps only about the last {@code entries} journal entries in memory (default: all). */
        public Builder journalRetain(int entries) {
            this.journalRetain = entries;
            return this;
        }

        /** Also writes the journal to {@code file} as JSON lines. */
        public Builder journalFile(Path file) {
            this.journalFile = file;
            return this;
        }

        public Emu2Simulator build() {
            return new Emu2Simulator(this);
        }
    }
}
