package dev.metertap.features;

import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.store.Store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The collector's EMU-2 session of one scenario, reading a serial port; closed after the scenario. */
public final class LiveCollector implements AutoCloseable {

    /** How long a step waits for the collector to see what the display already wrote. */
    public static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final CollectedReadings readings = new CollectedReadings();
    private Store store;
    private Emu2Session session;

    /** Every new reading goes to {@code target} first, as {@code metertap run} does, then to the steps' record. */
    public void storeInto(Store target) {
        this.store = target;
    }

    /**
     * Opens {@code port} and waits until the collector is connected and has asked the display who it is. Those
     * questions arrive while the display's clock stands still, so a scenario's own questions and passing time
     * meet the same dice on every run.
     */
    public void readFrom(String port) throws Exception {
        if (session != null) {
            throw new IllegalStateException("the collector is already reading " + port);
        }
        Emu2Listener listener = store == null ? readings : new StoringListener(store, readings);
        session = new Emu2Session(Endpoint.parse(port).transport(), Emu2Options.DEFAULTS, listener);
        session.start();
        readings.awaitConnects(1, CATCH_UP);
        session.learned().get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
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

    /** Appends each reading to the store before passing it on. */
    private record StoringListener(Store store, CollectedReadings readings) implements Emu2Listener {
        @Override
        public void onMessage(Emu2Message message) {
            readings.onMessage(message);
        }

        @Override
        public void onReading(Reading reading) {
            store.append(reading);
            readings.onReading(reading);
        }

        @Override
        public void onConnected(String where) {
            readings.onConnected(where);
        }

        @Override
        public void onDisconnected(String where, String why) {
            readings.onDisconnected(where, why);
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
