package dev.metertap.collector.sink;

import dev.metertap.collector.store.Batch;
import dev.metertap.collector.store.Outbox;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves points from the store's outbox to one sink, in order, on a thread of its own. The sink's
 * cursor advances only after the sink acknowledged a batch, so nothing is skipped across outages,
 * restarts and crashes. A failed batch is retried with capped exponential backoff; a batch the
 * destination refuses (4xx) pauses the forwarder with one error line until {@link #resume()}.
 *
 * <p>Memory does not grow with the backlog: the outbox is read one bounded batch at a time.
 */
public final class Forwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    public enum State { NEW, RUNNING, RETRYING, PAUSED, STOPPED }

    private static final Duration IDLE_RECHECK = Duration.ofSeconds(2);

    private final Store store;
    private final Sink sink;
    private final Batching batching;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Runnable wakeOnAppend = this::wake;
    // written under the lock (so waiters are signalled), read anywhere: volatile
    private volatile State state = State.NEW;
    private volatile boolean stopRequested;
    private boolean resumeRequested;
    /** Store seq to deliver up to without waiting for fuller batches (shutdown); -1 until asked. */
    private volatile long drainTo = -1;
    private volatile long appends;
    private long deliveredUpTo;
    private long batchesSent;
    private volatile long pointsSent;
    private Thread thread;

    public Forwarder(Store store, Sink sink, Batching batching, Backoff backoff) {
        this.store = store;
        this.sink = sink;
        this.batching = batching;
        this.backoff = backoff;
    }

    public String sinkName() {
        return sink.name();
    }

    /** Starts forwarding on a daemon thread named after the sink. */
    public void start() {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("forwarder for sink '" + sink.name() + "' was already started");
            }
            state = State.RUNNING;
        } finally {
            lock.unlock();
        }
        store.onAppend(wakeOnAppend);
        thread = new Thread(this::run, "forwarder-" + sink.name());
        thread.setDaemon(true);
        thread.start();
    }

    public State state() {
        return state;
    }

    /** Points acknowledged by the sink since start. */
    public long pointsSent() {
        return pointsSent;
    }

    /** Retries a paused sink (after its configuration or the destination was fixed). */
    public void resume() {
        signalAfter(() -> resumeRequested = true);
    }

    /** Waits until the sink has acknowledged every point up to store seq {@code seq}; false on timeout. */
    public boolean awaitDelivered(long seq, Duration timeout) throws InterruptedException {
        return awaitCondition(() -> deliveredUpTo >= seq, timeout);
    }

    /** From now on sends what is stored up to {@code seq} at once, without waiting for a fuller batch: for shutdown. */
    public void drainTo(long seq) {
        signalAfter(() -> drainTo = seq);
    }

    /**
     * Waits until the sink has acknowledged every point up to store seq {@code seq}, or it cannot be reached (its
     * last attempt failed), refused a batch, or stopped. True when everything was delivered. Bounded by the sink's
     * own request timeout, not by a clock of ours: a reachable sink is given the time it needs.
     */
    public boolean awaitDrained(long seq) throws InterruptedException {
        lock.lock();
        try {
            while (deliveredUpTo < seq) {
                if (state == State.RETRYING || state == State.PAUSED || state == State.STOPPED) {
                    return false;
                }
                changed.await();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the forwarder is in {@code wanted}; false on timeout. */
    public boolean awaitState(State wanted, Duration timeout) throws InterruptedException {
        return awaitCondition(() -> state == wanted, timeout);
    }

    private boolean awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        signalAfter(() -> appends++);
    }

    private void run() {
        try (Outbox outbox = store.outbox(sink.name())) {
            resume(outbox.cursor());
            sink.start();
            setDelivered(outbox.cursor());
            log.info("forwarding to sink '{}' from store seq {} ({} points pending)", sink.name(), outbox.cursor(), outbox.pending());
            int failures = 0;
            long waitingSince = -1;
            while (!stopping()) {
                long appendsBefore = appendsSeen();
                Batch batch;
                try {
                    batch = outbox.next(batching.maxPoints(), batching.maxBytes());
                } catch (StoreException e) {
                    // a locked or momentarily unreadable file: the points are still there, try again later
                    failures++;
                    log.warn("sink '{}' cannot read the store, retrying: {}", sink.name(), e.getMessage());
                    setState(State.RETRYING);
                    sleepUnlessStopped(backoff.delay(failures));
                    continue;
                }
                if (batch.isEmpty()) {
                    waitingSince = -1;
                    awaitAppend(appendsBefore);
                    continue;
                }
                if (failures == 0 && drainTo < 0 && batch.size() < batching.maxPoints()
                        && batch.body().length() < batching.maxBytes() / 2) {
                    // a partial batch waits for company, but no longer than maxDelay after it was first seen
                    long now = System.nanoTime();
                    if (waitingSince < 0) {
                        waitingSince = now;
                    }
                    long due = waitingSince + batching.maxDelay().toNanos();
                    if (now < due) {
                        sleepUntil(due, () -> stopRequested || drainTo >= 0);
                        continue;
                    }
                }
                waitingSince = -1;
                try {
                    sink.send(batch);
                } catch (SinkException e) {
                    failures++;
                    if (!e.retryable()) {
                        pause(e);
                        failures = 0;
                        continue;
                    }
                    Duration delay = backoff.delay(failures);
                    if (failures == 1) {
                        log.warn("sink '{}' failed, retrying in {} ms, backing off up to {} ms: {}",
                                sink.name(), delay.toMillis(), backoff.max().toMillis(), e.getMessage());
                    } else {
                        log.debug("sink '{}' retry {} failed, next in {} ms: {}", sink.name(), failures, delay.toMillis(), e.getMessage());
                    }
                    setState(State.RETRYING);
                    sleepUnlessStopped(delay);
                    continue;
                }
                try {
                    outbox.acknowledge(batch);
                } catch (StoreException e) {
                    // the sink has the batch but the cursor did not move: it is sent again, harmlessly
                    failures++;
                    log.warn("sink '{}' cannot save its cursor, will resend the batch: {}", sink.name(), e.getMessage());
                    sleepUnlessStopped(backoff.delay(failures));
                    continue;
                }
                if (failures > 0) {
                    log.info("sink '{}' recovered after {} failed attempt(s)", sink.name(), failures);
                    failures = 0;
                }
                delivered(batch);
            }
        } catch (RuntimeException e) {
            log.error("forwarder for sink '{}' stopped: {}", sink.name(), e.getMessage(), e);
        } finally {
            store.removeAppendListener(wakeOnAppend);
            setState(State.STOPPED);
        }
    }

    private void resume(long cursor) {
        try {
            sink.resume((measurement, consumer) -> store.scanUpTo(measurement, cursor, consumer));
        } catch (RuntimeException e) {
            // an unreadable store or stored line: nothing is lost, the sink only forgets what it published in earlier runs
            log.warn("sink '{}' cannot read what it delivered before, and starts without it: {}", sink.name(), e.getMessage());
        }
    }

    private void pause(SinkException e) {
        log.error("sink '{}' refused a batch and is paused (fix it and restart, nothing is lost): {}", sink.name(), e.getMessage());
        lock.lock();
        try {
            state = State.PAUSED;
            changed.signalAll();
            while (!stopRequested && !resumeRequested) {
                changed.awaitUninterruptibly();
            }
            if (resumeRequested) {
                resumeRequested = false;
                state = State.RUNNING;
                log.info("sink '{}' resumed", sink.name());
            }
        } finally {
            lock.unlock();
        }
    }

    private void delivered(Batch batch) {
        signalAfter(() -> {
            deliveredUpTo = batch.lastSeq();
            batchesSent++;
            pointsSent += batch.size();
            state = State.RUNNING;
        });
    }

    private void setDelivered(long seq) {
        signalAfter(() -> deliveredUpTo = seq);
    }

    private void setState(State next) {
        signalAfter(() -> state = next);
    }

    /** Makes a change under the lock and wakes everyone waiting on it. */
    private void signalAfter(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean stopping() {
        return stopRequested;
    }

    private long appendsSeen() {
        return appends;
    }

    /**
     * Waits until this process committed something after {@code appendsBefore} was read, a stop, or
     * {@link #IDLE_RECHECK}: another process sharing the store file (a PG&E import) cannot signal us.
     */
    private void awaitAppend(long appendsBefore) {
        long deadline = System.nanoTime() + IDLE_RECHECK.toNanos();
        lock.lock();
        try {
            long left;
            while (!stopRequested && appends == appendsBefore && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        } finally {
            lock.unlock();
        }
    }

    private void sleepUnlessStopped(Duration delay) {
        sleepUntil(System.nanoTime() + delay.toNanos(), () -> stopRequested);
    }

    /** Waits until System.nanoTime() reaches {@code deadline} or {@code wake} holds (checked under the lock). */
    private void sleepUntil(long deadline, java.util.function.BooleanSupplier wake) {
        lock.lock();
        try {
            long left;
            while (!wake.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the batch in flight (if any); unacknowledged points stay in the outbox for next time. */
    @Override
    public void close() {
        signalAfter(() -> stopRequested = true);
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sink.close();
    }
}
