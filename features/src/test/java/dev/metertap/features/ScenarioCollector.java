package dev.metertap.features;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.run.Collector;
import dev.metertap.collector.run.PgeConnection;
import dev.metertap.collector.store.Store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The collector of one scenario, in-process: the scenario's metertap.yaml loaded by the real configuration loader and
 * built by the collector's one assembly, on first use. Steps watch it through what it stored.
 */
public final class ScenarioCollector implements AutoCloseable {

    /** How long a step waits for the collector to see what the display already wrote. */
    public static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final ScenarioConfig config;
    private final CollectedReadings readings = new CollectedReadings();
    private String emu2Port;
    private Collector collector;

    public ScenarioCollector(ScenarioConfig config) {
        this.config = config;
    }

    /**
     * Starts the collector on {@code port} and waits until it is connected and has asked the display who it is and
     * for its current readings. Those questions arrive while the display's clock stands still, so a scenario's own
     * questions and passing time meet the same dice on every run.
     */
    public void readFrom(String port) throws Exception {
        synchronized (this) {
            if (collector != null) {
                throw new IllegalStateException("the collector is already running without a display");
            }
            emu2Port = port;
        }
        Collector started = started();
        readings.awaitConnects(1, CATCH_UP);
        started.emu2Settled().get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
    }

    public synchronized Collector started() {
        if (collector == null) {
            Path file = config.write(Optional.ofNullable(emu2Port));
            collector = Collector.assemble(new ConfigLoader(System.getenv()).load(file),
                    Collector.Seams.production(System.out).withObserver(readings));
            collector.start();
        }
        return collector;
    }

    public Emu2Session session() {
        return started().emu2().orElseThrow(() -> new IllegalStateException("the collector is not reading a display"));
    }

    public PgeConnection pge() {
        return started().pge().orElseThrow(() -> new IllegalStateException("the scenario has no PG&E"));
    }

    public Store store() {
        return started().store();
    }

    /** What the collector stored from the display, in order, with its connects and the link statuses it decoded. */
    public CollectedReadings readings() {
        return readings;
    }

    @Override
    public synchronized void close() {
        if (collector != null) {
            collector.close();
            collector = null;
        }
    }
}
