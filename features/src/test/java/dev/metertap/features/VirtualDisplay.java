package dev.metertap.features;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.Emu2SimulatorBuilder;
import dev.metertap.simulator.device.MeterSpec;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Journal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The virtual EMU-2 of one scenario, on a pseudo-terminal in manual time: configured by the Given
 * steps, started on first use, closed after the scenario. Its journal is the ground truth.
 */
public final class VirtualDisplay implements AutoCloseable {

    /** The simulator's default zone, which PG&E's days are in too. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    /** Time moves in steps this long so the pty never holds more than a few kilobytes. */
    private static final Duration STEP = Duration.ofMinutes(10);

    private final ScenarioFolder folder;
    private final Emu2SimulatorBuilder builder;
    private Emu2Simulator simulator;

    public VirtualDisplay(ScenarioFolder folder) {
        this.folder = folder;
        this.builder = Emu2Simulator.builder().seed(42).manualTime();
    }

    public void seed(long seed) {
        configurable().seed(seed);
    }

    public void fault(Fault fault) {
        if (simulator != null) {
            simulator.faults().set(fault);
        } else {
            builder.fault(fault);
        }
    }

    public void start(Instant simulatedPowerOn) {
        configurable().start(simulatedPowerOn);
    }

    public void solar(int watts) {
        configurable().solar(watts);
    }

    public void meter(MeterSpec meter) {
        configurable().meter(meter);
    }

    public synchronized Emu2Simulator started() {
        if (simulator == null) {
            try {
                simulator = builder.pty(folder.resolve("ttyEMU2")).build().start();
            } catch (IOException e) {
                throw new IllegalStateException("the virtual EMU-2 did not start", e);
            }
        }
        return simulator;
    }

    public String port() {
        return started().portPath().orElseThrow();
    }

    public void pass(Duration total) {
        Emu2Simulator emu = started();
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(STEP)) {
            emu.advance(STEP.compareTo(total.minus(done)) < 0 ? STEP : total.minus(done));
        }
    }

    public Journal journal() {
        return started().journal();
    }

    /** Demand and summation fragments written after journal sequence {@code after}, whole or not. */
    public List<FragmentEntry> readingFragmentsAfter(long after) {
        return journal().fragments().stream()
                .filter(entry -> entry.sequence() > after)
                .filter(entry -> ReadingKey.isReadingType(entry.type()))
                .toList();
    }

    /** The {@link ReadingKey} of every demand and summation the display wrote whole: what a collector must have. */
    public Set<String> wholeReadings() {
        Set<String> whole = new HashSet<>();
        readingFragmentsAfter(0).forEach(entry -> ReadingKey.of(entry).ifPresent(whole::add));
        if (whole.isEmpty()) {
            throw new AssertionError("the display wrote no whole reading");
        }
        return whole;
    }

    private Emu2SimulatorBuilder configurable() {
        if (simulator != null) {
            throw new IllegalStateException("the display is already running; configure it before the collector starts");
        }
        return builder;
    }

    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
