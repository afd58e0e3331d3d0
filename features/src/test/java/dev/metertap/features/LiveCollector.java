package dev.metertap.features;

import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.transport.Endpoint;

import java.time.Duration;

/** The collector's EMU-2 session of one scenario, reading a serial port; closed after the scenario. */
public final class LiveCollector implements AutoCloseable {

    /** How long a step waits for the collector to see what the display already wrote. */
    public static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final CollectedReadings readings = new CollectedReadings();
    private Emu2Session session;

    /** Opens {@code port} and waits until the collector is connected. */
    public void readFrom(String port) throws InterruptedException {
        if (session != null) {
            throw new IllegalStateException("the collector is already reading " + port);
        }
        session = new Emu2Session(Endpoint.parse(port).transport(), Emu2Options.DEFAULTS, readings);
        session.start();
        readings.awaitConnects(1, CATCH_UP);
    }

    public Emu2Session session() {
        if (session == null) {
            throw new IllegalStateException("the collector is not reading the display yet");
        }
        return session;
    }

    public CollectedReadings readings() {
        return readings;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
