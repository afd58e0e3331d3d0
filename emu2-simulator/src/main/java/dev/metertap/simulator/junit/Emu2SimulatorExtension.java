package dev.metertap.simulator.junit;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.control.ControlServer;
import dev.metertap.simulator.device.MeterSpec;
import dev.metertap.simulator.fault.FaultName;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.schedule.SimulatedClock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A virtual EMU-2 for JUnit 5 tests. Registered on a static field it runs once for the class, on an
 * instance field once per test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static Emu2SimulatorExtension emu = Emu2SimulatorExtension.builder().seed(42).tcp().build();
 *
 * @Test
 * void readsDemand() throws Exception {
 *     try (var port = new RandomAccessFile(emu.portPath(), "rw")) {
 *         emu.advance(Duration.ofMinutes(1));                      // manual time: written before it returns
 *         var demand = emu.journal().fragments("InstantaneousDemand");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Manual time is the default; {@link Builder#speed(double)} runs the clock on its own instead. The
 * pty gets a fresh symlink in a temporary directory unless {@link Builder#link(Path)} names one. A
 * failing test's exception carries the seed, the simulated time and the journal's size.
 * Test methods may take {@link Emu2Simulator}, {@link Journal} or {@link Faults} parameters.
 */
public final class Emu2SimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {

    private final Builder settings;
    private Emu2Simulator simulator;
    private ControlServer control;
    private Path tempDir;
    private boolean perClass;

    private Emu2SimulatorExtension(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        startSimulator();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopSimulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            startSimulator();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stopSimulator();
        }
    }

    private void startSimulator() throws IOException {
        Emu2Simulator.Builder b = Emu2Simulator.builder().seed(settings.seed);
        if (settings.speed > 0) {
            b.speed(settings.speed);
        } else {
            b.manualTime();
        }
        if (settings.start != null) {
            b.start(settings.start);
        }
        if (settings.stopAfter != null) {
            b.stopAt((settings.start != null ? settings.start : Emu2Simulator.DEFAULT_START).plus(settings.stopAfter));
        }
        if (settings.solar > 0) {
            b.solar(settings.solar);
        }
        settings.meters.forEach(b::meter);
        settings.faults.forEach(b::fault);
        if (settings.pty) {
            Path link = settings.link;
            if (link == null) {
                tempDir = Files.createTempDirectory("emu2-");
                link = tempDir.resolve("ttyEMU2");
            }
            b.pty(link);
        } else {
            b.noPty();
        }
        if (settings.tcp) {
            b.tcp(0);
        }
        if (settings.journalFile != null) {
            b.journalFile(settings.journalFile);
        }
        settings.customisations.forEach(c -> c.accept(b));
        simulator = b.build().start();
        if (settings.controlApi) {
            control = new ControlServer(simulator, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start();
        }
    }

    private void stopSimulator() {
        if (control != null) {
            control.close();
            control = null;
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
        if (tempDir != null) {
            try {
                Files.deleteIfExists(tempDir.resolve("ttyEMU2"));
                Files.deleteIfExists(tempDir);
            } catch (IOException e) {
                // a leftover empty temp directory is harmless
            }
            tempDir = null;
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        Emu2Simulator sim = simulator;
        if (sim != null) {
            throwable.addSuppressed(new AssertionError("virtual EMU-2: seed " + sim.seed() + ", simulated time " + sim.now()
                    + ", " + sim.journal().size() + " journal entries, faults " + sim.faults().active()));
        }
        throw throwable;
    }

    // ---- what tests use

    /** The running simulator (everything below is a shortcut to it). */
    public Emu2Simulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the simulator runs only inside a test (register the extension with @RegisterExtension)");
        }
        return simulator;
    }

    /** The serial port path to open: the symlink to the current pty. */
    public String portPath() {
        return simulator().portPath().orElseThrow(() -> new IllegalStateException("no pty: built with noPty()"));
    }

    /** The TCP address (built with {@link Builder#tcp()}). */
    public InetSocketAddress tcpAddress() {
        return simulator().tcpAddress().orElseThrow(() -> new IllegalStateException("no TCP: build with tcp()"));
    }

    /** The control API's base URI (built with {@link Builder#controlApi()}). */
    public URI controlUri() {
        if (control == null) {
            throw new IllegalStateException("no control API: build with controlApi()");
        }
        return URI.create("http://" + control.address().getHostString() + ":" + control.address().getPort() + "/");
    }

    public Journal journal() {
        return simulator().journal();
    }

    public Faults faults() {
        return simulator().faults();
    }

    public SimulatedClock clock() {
        return simulator().clock();
    }

    public Instant now() {
        return simulator().now();
    }

    /** Waits (at most {@code timeout} of wall time) until simulated time reaches {@code instant}. */
    public boolean awaitTime(Instant instant, Duration timeout) throws InterruptedException {
        return simulator().awaitTime(instant, timeout);
    }

    /** Manual time: runs {@code d} of simulated time, writing everything due, before returning. */
    public void advance(Duration d) {
        simulator().advance(d);
    }

    public void unplug(Duration d) {
        simulator().unplug(d);
    }

    public void silence(Duration d) {
        simulator().silence(d);
    }

    public void rejoin(Duration d) {
        simulator().rejoin(d);
    }

    /** Pins the house's net load (the meter then reports exactly this demand). */
    public void setFixedWatts(Integer watts) {
        simulator().setFixedWatts(watts);
    }

    public void setExtraWatts(int watts) {
        simulator().setExtraWatts(watts);
    }

    /** Delivers command text as if a host had sent it. */
    public int command(String xml) {
        return simulator().command(xml);
    }

    public long seed() {
        return settings.seed;
    }

    // ---- parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Emu2Simulator.class || type == Journal.class || type == Faults.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Journal.class) {
            return journal();
        }
        if (type == Faults.class) {
            return faults();
        }
        return simulator();
    }

    /** How the extension's simulator is made. */
    public static final class Builder {
        private long seed = 1;
        private double speed;
        private Instant start;
        private int solar;
        private final List<MeterSpec> meters = new ArrayList<>();
        private final Map<FaultName, Double> faults = new EnumMap<>(FaultName.class);
        private boolean pty = true;
        private Path link;
        private boolean tcp;
        private boolean controlApi;
        private Path journalFile;
        private Duration stopAfter;
        private final List<Consumer<Emu2Simulator.Builder>> customisations = new ArrayList<>();

        private Builder() {
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Manual time (the default): the test moves the clock with {@link #advance}. */
        public Builder manualTime() {
            this.speed = 0;
            return this;
        }

        /** The clock runs by itself at {@code simulatedSecondsPerSecond}; the pty applies backpressure. */
        public Builder speed(double simulatedSecondsPerSecond) {
            if (!(simulatedSecondsPerSecond > 0)) {
                throw new IllegalArgumentException("speed must be positive");
            }
            this.speed = simulatedSecondsPerSecond;
            return this;
        }

        public Builder start(Instant instant) {
            this.start = instant;
            return this;
        }

        public Builder solar(int peakWatts) {
            this.solar = peakWatts;
            return this;
        }

        public Builder meter(MeterSpec meter) {
            meters.add(meter);
            return this;
        }

        public Builder fault(FaultName name, double value) {
            Faults.check(name, value);
            faults.put(name, value);
            return this;
        }

        /** The pty's symlink (default: {@code ttyEMU2} in a fresh temporary directory). */
        public Builder link(Path symlink) {
            this.link = symlink;
            return this;
        }

        public Builder noPty() {
            this.pty = false;
            return this;
        }

        /** Also a TCP stream on a free loopback port. */
        public Builder tcp() {
            this.tcp = true;
            return this;
        }

        /** Also the HTTP control API on a free loopback port. */
        public Builder controlApi() {
            this.controlApi = true;
            return this;
        }

        /** With a speed: the clock stops for good after {@code d} of simulated time from the start. */
        public Builder stopAfter(Duration d) {
            this.stopAfter = d;
            return this;
        }

        public Builder journalFile(Path file) {
            this.journalFile = file;
            return this;
        }

        /** Anything else the simulator's own builder offers. */
        public Builder configure(Consumer<Emu2Simulator.Builder> customisation) {
            customisations.add(customisation);
            return this;
        }

        public Emu2SimulatorExtension build() {
            return new Emu2SimulatorExtension(this);
        }
    }

}
