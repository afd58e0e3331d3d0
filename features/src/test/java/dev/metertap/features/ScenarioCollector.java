package dev.metertap.features;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.run.Collector;
import dev.metertap.collector.run.PgeConnection;
import dev.metertap.collector.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The collector of one scenario, configured the way a user configures it: the Given steps add what it reads and
 * where it forwards, then it is written as the scenario's metertap.yaml, loaded by the real configuration loader and
 * built by the collector's one assembly, on first use. Steps watch it through what it stored.
 */
public final class ScenarioCollector implements AutoCloseable {

    /** How long a step waits for the collector to see what the display already wrote. */
    public static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final ScenarioFolder folder;
    private final ScenarioUtility utility;
    private final CollectedReadings readings = new CollectedReadings();
    private final List<String> sinks = new ArrayList<>();
    private String emu2Port;
    private Collector collector;

    public ScenarioCollector(ScenarioFolder folder, ScenarioUtility utility) {
        this.folder = folder;
        this.utility = utility;
    }

    /** A {@code sinks:} entry, in the YAML flow style a user may write it. */
    public void forwardTo(String sink) {
        configurable();
        sinks.add(sink);
    }

    /**
     * Starts the collector on {@code port} and waits until it is connected and has asked the display who it is and
     * for its current readings. Those questions arrive while the display's clock stands still, so a scenario's own
     * questions and passing time meet the same dice on every run.
     */
    public void readFrom(String port) throws Exception {
        configurable();
        emu2Port = port;
        Collector started = started();
        readings.awaitConnects(1, CATCH_UP);
        started.emu2Settled().get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
    }

    public synchronized Collector started() {
        if (collector == null) {
            Path file = configFile();
            collector = Collector.assemble(new ConfigLoader(System.getenv()).load(file),
                    Collector.Seams.production().withObserver(readings));
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

    private Path configFile() {
        StringBuilder yaml = new StringBuilder("store: {path: " + folder.resolve("metertap.db") + "}\n");
        if (emu2Port != null) {
            // the display runs in manual time: a poll on the wall clock would fall at another simulated moment
            // on every run, so the scenarios poll once, at connect
            yaml.append("emu2: {port: ").append(emu2Port).append(", summation-poll: 24h, price-poll: 24h}\n");
        }
        if (!sinks.isEmpty()) {
            yaml.append("sinks:\n");
            sinks.forEach(sink -> yaml.append("  - ").append(sink).append('\n'));
        }
        if (utility.inUse()) {
            yaml.append(utility.mocked().pgeSection());
        }
        try {
            return Files.writeString(folder.resolve("metertap.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void configurable() {
        if (collector != null) {
            throw new IllegalStateException("the collector is already running; configure it before it starts");
        }
    }

    @Override
    public synchronized void close() {
        if (collector != null) {
            collector.close();
            collector = null;
        }
    }
}
