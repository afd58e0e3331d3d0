package dev.metertap.collector.run;

import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each new EMU-2 reading to the store, which commits it durably before returning; sinks read the
 * store's outbox, never this. Runs on the session's reader thread: at a few readings a minute one commit
 * per reading keeps up easily, and the kernel buffers the serial bytes meanwhile.
 */
final class ReadingRecorder implements Emu2Listener {

    private static final Logger log = LoggerFactory.getLogger(ReadingRecorder.class);

    private final Store store;
    private final Clock clock;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastStoredAt;
    private final Runnable onConnected;
    private volatile boolean connected;

    /** @param onConnected runs on the reader thread after each connect; keep it quick */
    ReadingRecorder(Store store, Clock clock, Runnable onConnected) {
        this.store = store;
        this.clock = clock;
        this.onConnected = onConnected;
    }

    @Override
    public void onReading(Reading reading) {
        try {
            store.append(reading);
            if (stored.incrementAndGet() == 1) {
                log.info("first reading stored: {}", reading.toPoint().measurement());
            }
            lastStoredAt = clock.instant();
        } catch (StoreException e) {
            // the device repeats its readings: one lost to a full disk is logged, the next one may succeed
            failed.incrementAndGet();
            log.error("could not store a reading: {}", e.getMessage());
        }
    }

    @Override
    public void onConnected(String where) {
        connected = true;
        log.info("EMU-2 connected on {}", where);
        onConnected.run();
    }

    @Override
    public void onDisconnected(String where, String why) {
        connected = false;
        log.warn("EMU-2 on {} disconnected: {}", where, why);
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
