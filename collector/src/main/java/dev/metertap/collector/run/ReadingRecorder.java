package dev.metertap.collector.run;

import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes each new EMU-2 reading to the store, which commits it durably before returning; sinks read the
 * store's outbox, never this. Runs on the session's reader thread: at a few readings a minute one commit
 * per reading keeps up easily, and the kernel buffers the serial bytes meanwhile. The observer (a test's,
 * the demo's) hears of a reading only once it is stored.
 */
final class ReadingRecorder implements Emu2Listener {

    private static final Logger log = LoggerFactory.getLogger(ReadingRecorder.class);

    private final Store store;
    private final Clock clock;
    private final Emu2Listener observer;
    private final Runnable onIdentified;
    private final Consumer<Reading> afterStored;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastStoredAt;
    private volatile boolean connected;
    private boolean sealed;

    /**
     * @param onIdentified runs after each connect once the device said who it is; keep it quick
     * @param afterStored  hears each reading once it is stored, on the reader's thread; keep it quick
     */
    ReadingRecorder(Store store, Clock clock, Emu2Listener observer, Runnable onIdentified, Consumer<Reading> afterStored) {
        this.store = store;
        this.clock = clock;
        this.observer = observer;
        this.onIdentified = onIdentified;
        this.afterStored = afterStored;
    }

    @Override
    public void onMessage(Emu2Message message) {
        observer.onMessage(message);
    }

    @Override
    public void onReading(Reading reading) {
        synchronized (this) {
            if (!sealed) {
                storeAndTell(reading);
                return;
            }
        }
        // shutdown has counted what the sinks must get: a reading decoded after that is not taken
        log.warn("a reading decoded while stopping was not stored: {}", reading.toPoint().measurement());
    }

    private void storeAndTell(Reading reading) {
        try {
            store.append(reading);
        } catch (StoreException e) {
            // the device repeats its readings: one lost to a full disk is logged, the next one may succeed
            failed.incrementAndGet();
            log.error("could not store a reading: {}", e.getMessage());
            return;
        }
        if (stored.incrementAndGet() == 1) {
            log.info("first reading stored: {}", reading.toPoint().measurement());
        }
        lastStoredAt = clock.instant();
        afterStored.accept(reading);
        observer.onReading(reading);
    }

    @Override
    public void onConnected(String where) {
        connected = true;
        observer.onConnected(where);
    }

    @Override
    public void onIdentified(String where) {
        onIdentified.run();
        observer.onIdentified(where);
    }

    /** The session logs why; this only keeps the state for /status. */
    @Override
    public void onDisconnected(String where, String why) {
        connected = false;
        observer.onDisconnected(where, why);
    }

    /** From now on nothing is stored: called once the session is closed, before shutdown counts what sinks must get. */
    synchronized void seal() {
        sealed = true;
    }

    long stored() {
        return stored.get();
    }

    long failed() {
        return failed.get();
    }

    /** The host time of the last stored reading (readings carry the device's time, which may be off). */
    Optional<Instant> lastStoredAt() {
        return Optional.ofNullable(lastStoredAt);
    }

    boolean connected() {
        return connected;
    }
}
