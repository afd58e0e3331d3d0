package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stores readings as a feed streams in, a few thousand per transaction: each commit waits for the disk, so one per
 * reading would be slow, and holding a 48-month feed in memory is not needed. {@link #flush()} after each feed.
 */
final class IntervalWriter implements Consumer<IntervalReading> {

    static final int BATCH = 5_000;

    private final Store store;
    private final List<IntervalReading> pending = new ArrayList<>(BATCH);
    private long received;
    private long changed;

    IntervalWriter(Store store) {
        this.store = store;
    }

    @Override
    public void accept(IntervalReading reading) {
        pending.add(reading);
        received++;
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    void flush() {
        if (!pending.isEmpty()) {
            changed += store.appendAll(pending);
            pending.clear();
        }
    }

    /** Readings passed in so far. */
    long received() {
        return received;
    }

    /** Readings that were new or changed a stored value (the rest were already stored exactly so). */
    long changed() {
        return changed;
    }
}
