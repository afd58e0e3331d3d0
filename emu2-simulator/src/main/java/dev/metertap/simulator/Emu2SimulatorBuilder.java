package dev.metertap.simulator;

import dev.metertap.simulator.device.DeviceConfig;
import dev.metertap.simulator.device.DeviceIdentity;
import dev.metertap.simulator.device.LoadSettings;
import dev.metertap.simulator.device.MeterInfoForm;
import dev.metertap.simulator.device.MeterSpec;
import dev.metertap.simulator.endpoint.PtyEndpoint;
import dev.metertap.simulator.endpoint.WireTiming;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.FaultSyntax;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.schedule.ScheduleEvent;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How to make a simulator; every setting has a default. */
public final class Emu2SimulatorBuilder {
    long seed = 1;
    final List<MeterSpec> meters = new ArrayList<>();
    LoadSettings load = LoadSettings.defaults();
    Instant start = Emu2Simulator.DEFAULT_START;
    Duration demandMin = Duration.ofSeconds(8);
    Duration demandMax = Duration.ofSeconds(11);
    final Map<ScheduleEvent, Duration> periods = new EnumMap<>(ScheduleEvent.class);
    boolean pty = true;
    Path link = PtyEndpoint.DEFAULT_LINK;
    InetSocketAddress tcp;
    InputStream stdin;
    OutputStream stdout;
    double speed = 1;
    final List<Fault> faults = new ArrayList<>();
    Path journalFile;
    Long deviceMacId;
    MeterInfoForm meterInfoForm = MeterInfoForm.NUMBER;
    Instant stopAt;
    boolean holdClock;
    Duration uptime = Duration.ZERO;
    int writeRate = Emu2Simulator.DEFAULT_WRITE_RATE;
    boolean wholeWrites;
    int journalRetain = Integer.MAX_VALUE;

    Emu2SimulatorBuilder() {
    }

    /** How MeterInfo is written; default {@link MeterInfoForm#NUMBER} ({@code <MeterType>0x0000</MeterType>}). */
    public Emu2SimulatorBuilder meterInfoForm(MeterInfoForm form) {
        this.meterInfoForm = Objects.requireNonNull(form);
        return this;
    }

    /** The DeviceMacId (default: Rainforest's prefix and bits from the seed). */
    public Emu2SimulatorBuilder deviceMacId(long mac) {
        this.deviceMacId = mac;
        return this;
    }

    /** The one source of randomness; same seed and same inputs give the same bytes. */
    public Emu2SimulatorBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /** Adds a meter (the default is one meter, Multiplier 1, Divisor 1000). */
    public Emu2SimulatorBuilder meter(MeterSpec meter) {
        meters.add(meter);
        return this;
    }

    public Emu2SimulatorBuilder load(LoadSettings settings) {
        this.load = settings;
        return this;
    }

    public Emu2SimulatorBuilder zone(ZoneId zone) {
        this.load = load.withZone(zone);
        return this;
    }

    /** Rooftop solar peaking at {@code watts} (demand goes negative around midday). */
    public Emu2SimulatorBuilder solar(int watts) {
        this.load = load.withSolar(watts);
        return this;
    }

    /** Simulated time at power-on (default 2024-06-01T12:00:00Z). */
    public Emu2SimulatorBuilder start(Instant instant) {
        this.start = instant;
        return this;
    }

    /** Gap between demand notifications, drawn evenly from [min, max] (default 8 to 11 s). */
    public Emu2SimulatorBuilder demandEvery(Duration min, Duration max) {
        this.demandMin = min;
        this.demandMax = max;
        return this;
    }

    public Emu2SimulatorBuilder period(ScheduleEvent event, Duration period) {
        periods.put(event, period);
        return this;
    }

    /** A pseudo-terminal behind {@code symlink} (default {@code /tmp/emu2/ttyEMU2}); null for no symlink. */
    public Emu2SimulatorBuilder pty(Path symlink) {
        this.pty = true;
        this.link = symlink;
        return this;
    }

    public Emu2SimulatorBuilder noPty() {
        this.pty = false;
        return this;
    }

    /** Whether the pty's link is still {@link PtyEndpoint#DEFAULT_LINK} (which concurrent tests must not share). */
    public boolean usesDefaultLink() {
        return pty && PtyEndpoint.DEFAULT_LINK.equals(link);
    }

    /** A TCP server on the loopback interface, port 0 for any free one. */
    public Emu2SimulatorBuilder tcp(int port) {
        return tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public Emu2SimulatorBuilder tcp(InetSocketAddress address) {
        this.tcp = address;
        return this;
    }

    public Emu2SimulatorBuilder stdio(InputStream in, OutputStream out) {
        this.stdin = in;
        this.stdout = out;
        return this;
    }

    /** Simulated seconds per wall-clock second (default 1). */
    public Emu2SimulatorBuilder speed(double simulatedSecondsPerSecond) {
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
    public Emu2SimulatorBuilder stopAt(Instant instant) {
        this.stopAt = instant;
        return this;
    }

    /**
     * With a speed: {@link Emu2Simulator#start()} leaves the clock at its start until {@link Emu2Simulator#runClock()},
     * so that an accelerated run does not race ahead of a reader still connecting.
     */
    public Emu2SimulatorBuilder holdClock() {
        this.holdClock = true;
        return this;
    }

    /**
     * The device has been running this long at its start time, as a unit somebody plugs into usually has: no
     * start-up burst (ConnectionStatus ×5), the link already connected and each notification somewhere in its
     * period. Default zero: it powers on at its start time.
     */
    public Emu2SimulatorBuilder uptime(Duration running) {
        if (running.isNegative()) {
            throw new IllegalArgumentException("uptime must not be negative");
        }
        this.uptime = running;
        return this;
    }

    /** Bytes per simulated second the device writes (default {@value #DEFAULT_WRITE_RATE}); paced in wall time at the speed. */
    public Emu2SimulatorBuilder writeRate(int bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("the write rate must be at least 1 byte a second");
        }
        this.writeRate = bytesPerSecond;
        return this;
    }

    /** Each fragment in one write, as a reader of a plain pipe would get it, instead of 64-byte USB packets. */
    public Emu2SimulatorBuilder wholeWrites() {
        this.wholeWrites = true;
        return this;
    }

    /** Time moves only with {@link Emu2Simulator#advance(Duration)}, which writes synchronously. */
    public Emu2SimulatorBuilder manualTime() {
        this.speed = 0;
        return this;
    }

    /** A fault in force from the start (a later one of the same kind replaces it). */
    public Emu2SimulatorBuilder fault(Fault fault) {
        faults.add(fault);
        return this;
    }

    /** As the user writes it ({@code --fault clobber=0.2}); throws, in the user's words, on bad input. */
    public Emu2SimulatorBuilder fault(String name, double value) {
        FaultSyntax.Kind kind = FaultSyntax.kind(name);
        if (value == 0) {
            faults.removeIf(f -> f.getClass() == kind.type());
            return this;
        }
        return fault(kind.of(value));
    }

    /** Keeps only about the last {@code entries} journal entries in memory (default: all). */
    public Emu2SimulatorBuilder journalRetain(int entries) {
        this.journalRetain = entries;
        return this;
    }

    /** Also writes the journal to {@code file} as JSON lines. */
    public Emu2SimulatorBuilder journalFile(Path file) {
        this.journalFile = file;
        return this;
    }

    public Emu2Simulator build() {
        return new Emu2Simulator(this);
    }

    /** The device these settings describe. */
    DeviceConfig deviceConfig() {
        DeviceIdentity identity = DeviceIdentity.fromSeed(seed);
        if (deviceMacId != null) {
            identity = identity.withDeviceMacId(deviceMacId);
        }
        return new DeviceConfig(seed, identity.withMeterInfoForm(meterInfoForm),
                meters.isEmpty() ? DeviceConfig.defaults(seed).meters() : meters, load, start, demandMin, demandMax, periods);
    }

    /** Packets at the device's write rate, in wall time at the clock's speed (no pacing in manual time). */
    WireTiming wireTiming(Faults faults) {
        return new WireTiming(wholeWrites ? 0 : WireTiming.USB_PACKET_BYTES,
                () -> speed > 0 ? writeRate * speed : 0, () -> faults.get(Fault.Trickle.class).map(Fault.Trickle::amount).orElse(0.0));
    }
}
