package dev.metertap.simulator.junit;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.Emu2SimulatorBuilder;
import dev.metertap.simulator.control.ControlServer;
import dev.metertap.simulator.endpoint.PtyEndpoint;
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

/**
 * A virtual EMU-2 for JUnit 5 tests, made by the simulator's own builder. Registered on a static field it runs once
 * for the class, on an instance field once per test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static Emu2SimulatorExtension emu = Emu2SimulatorExtension.of(Emu2Simulator.builder().seed(42).manualTime().tcp(0));
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
 * A pty left at the default link ({@code /tmp/emu2/ttyEMU2}) gets a fresh symlink in a temporary directory instead, so
 * tests never share a port. A failing test's exception carries the seed, the simulated time and the journal's size.
 * Test methods may take {@link Emu2Simulator}, {@link Journal} or {@link Faults} parameters.
 */
public final class Emu2SimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {

    private final Emu2SimulatorBuilder builder;
    private boolean controlApi;
    private Emu2Simulator simulator;
    private ControlServer control;
    private Path tempDir;
    private boolean perClass;

    private Emu2SimulatorExtension(Emu2SimulatorBuilder builder) {
        this.builder = builder;
    }

    /** The extension for the simulator {@code builder} describes (built and started for each class or test). */
    public static Emu2SimulatorExtension of(Emu2SimulatorBuilder builder) {
        return new Emu2SimulatorExtension(builder);
    }

    /** Also the HTTP control API on a free loopback port ({@link #controlUri()}). */
    public Emu2SimulatorExtension withControlApi() {
        this.controlApi = true;
        return this;
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
        if (builder.usesDefaultLink()) {
            tempDir = Files.createTempDirectory("emu2-");
            builder.pty(tempDir.resolve("ttyEMU2"));
        }
        simulator = builder.build().start();
        if (controlApi) {
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
            builder.pty(PtyEndpoint.DEFAULT_LINK); // the next start makes a fresh one again
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        Emu2Simulator sim = simulator;
        if (sim != null) {
            throwable.addSuppressed(new AssertionError("virtual EMU-2: seed " + sim.seed() + ", simulated time " + sim.now()
                    + ", " + sim.journal().size() + " journal entries, faults " + sim.faults()));
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

    /** The TCP address (built with {@code tcp(0)}). */
    public InetSocketAddress tcpAddress() {
        return simulator().tcpAddress().orElseThrow(() -> new IllegalStateException("no TCP: build with tcp(0)"));
    }

    /** The control API's base URI ({@link #withControlApi()}). */
    public URI controlUri() {
        if (control == null) {
            throw new IllegalStateException("no control API: register the extension withControlApi()");
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
        return simulator().seed();
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
}
