package dev.metertap.features;

import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.wire.ConnectionStatus;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.reading.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What the collector's EMU-2 session passed on, and its connects; steps wait on it with deadlines. */
public final class CollectedReadings implements Emu2Listener {

    private final List<Reading> readings = new ArrayList<>();
    private final List<String> linkStatuses = new ArrayList<>();
    private int connects;
    private int disconnects;

    /**
     * Link statuses come from the decoded messages, not the readings: a link reading is timed by the
     * host clock, so in manual time several statuses in one wall second are one reading.
     */
    @Override
    public synchronized void onMessage(Emu2Message message) {
        if (message instanceof ConnectionStatus status) {
            linkStatuses.add(status.status());
        }
    }

    @Override
    public synchronized void onReading(Reading reading) {
        readings.add(reading);
        notifyAll();
    }

    @Override
    public synchronized void onConnected(String where) {
        connects++;
        notifyAll();
    }

    @Override
    public synchronized void onDisconnected(String where, String why) {
        disconnects++;
        notifyAll();
    }

    public synchronized List<Reading> all() {
        return List.copyOf(readings);
    }

    public <T extends Reading> List<T> all(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized List<String> linkStatuses() {
        return List.copyOf(linkStatuses);
    }

    public synchronized int connects() {
        return connects;
    }

    public synchronized int disconnects() {
        return disconnects;
    }

    public void awaitConnects(int count, Duration timeout) throws InterruptedException {
        awaitState(() -> connects >= count, timeout, count + " connect(s)");
    }

    public void awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        awaitState(() -> disconnects >= count, timeout, count + " disconnect(s)");
    }

    /** Waits until a reading stamped at or after {@code time} arrived: everything before it has been read. */
    public void awaitReadingAtOrAfter(Instant time, Duration timeout) throws InterruptedException {
        awaitReading(r -> !r.time().isBefore(time), timeout, "a reading at or after " + time);
    }

    /**
     * Looks at each reading once, as it arrives: a day holds thousands, and testing them all again on every arrival,
     * under the lock the collector needs to pass the next one on, would starve it.
     */
    public void awaitReading(Predicate<Reading> test, Duration timeout, String what) throws InterruptedException {
        int[] tested = {0};
        awaitState(() -> {
            while (tested[0] < readings.size()) {
                if (test.test(readings.get(tested[0]++))) {
                    return true;
                }
            }
            return false;
        }, timeout, what);
    }

    private synchronized void awaitState(java.util.function.BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited " + timeout + " for " + what + "; the collector passed on "
                        + readings.size() + " reading(s), the last " + (readings.isEmpty() ? "none"
                        : ReadingKey.of(readings.get(readings.size() - 1)).orElse(readings.get(readings.size() - 1).toString()))
                        + ", after " + connects + " connect(s) and " + disconnects + " disconnect(s)");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
