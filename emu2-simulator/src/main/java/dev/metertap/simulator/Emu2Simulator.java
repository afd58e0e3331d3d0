package dev.metertap.simulator;

import dev.metertap.simulator.command.CommandReader;
import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.device.VirtualEmu2;
import dev.metertap.simulator.endpoint.Ports;
import dev.metertap.simulator.endpoint.PtyEndpoint;
import dev.metertap.simulator.endpoint.StdioEndpoint;
import dev.metertap.simulator.endpoint.TcpEndpoint;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.journal.JsonLinesJournal;
import dev.metertap.simulator.schedule.SimulatedClock;
import dev.metertap.simulator.schedule.TimeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A virtual EMU-2, put together: the device, its endpoints, its clock, its journal. Build it, {@link
 * #start()} it, read it over its pty or TCP port, {@link #close()} it.
 *
 * <pre>{@code
 * try (Emu2Simulator emu = Emu2Simulator.builder().seed(42).manualTime().pty(link).build().start()) {
 *     emu.advance(Duration.ofMinutes(5));             // fragments journalled before it returns
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

    private final Emu2SimulatorBuilder settings;
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

    Emu2Simulator(Emu2SimulatorBuilder b) {
        this.settings = b;
        this.journal = new Journal(b.journalRetain);
        this.clock = new SimulatedClock(b.start);
        this.load = new HouseholdLoad(b.seed, b.load);
        this.device = new VirtualEmu2(b.deviceConfig(), clock, journal, faults, load);
        b.faults.forEach(faults::set);
    }

    public static Emu2SimulatorBuilder builder() {
        return new Emu2SimulatorBuilder();
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
                pty = new PtyEndpoint(settings.link, device, settings.wireTiming(faults));
                ports.add(pty);
                pty.start();
            }
            if (settings.tcp != null) {
                tcp = new TcpEndpoint(settings.tcp, device, settings.wireTiming(faults));
                ports.add(tcp);
                tcp.start();
            }
            if (settings.stdin != null) {
                StdioEndpoint stdio = new StdioEndpoint(settings.stdin, settings.stdout, device, settings.wireTiming(faults));
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

    /**
     * With {@link Emu2SimulatorBuilder#holdClock()}: starts the clock now. Until then the device answers commands at its start
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

    /**
     * Manual time only: moves the simulated clock on, journalling everything due and queueing its bytes before
     * returning; the ports write them on their own threads ({@link #awaitWritten}).
     */
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

    /** Waits (at most {@code timeout}) until the ports have nothing left to write (manual time: what advance queued). */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        return ports.awaitWritten(timeout);
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
}
