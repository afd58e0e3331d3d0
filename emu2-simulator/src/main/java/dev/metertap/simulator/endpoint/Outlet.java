package dev.metertap.simulator.endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A write queue with its own thread, so the device never blocks on a slow or absent reader. Bounded:
 * beyond {@link #MAX_PENDING_BYTES} new bytes are dropped (as a device's buffer overflows). Bytes go
 * out as the {@link WireTiming} says: in packets at the device's write rate, or in small pieces at
 * the trickle rate when that fault is on.
 */
final class Outlet implements AutoCloseable {

    /** Where the bytes go. */
    interface Target {
        void write(byte[] bytes) throws IOException;
    }

    static final long MAX_PENDING_BYTES = 8L * 1024 * 1024;
    private static final long MIN_PARK_NANOS = 1_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Outlet.class);

    private final String name;
    private final Target target;
    private final WireTiming timing;
    private final LinkedBlockingDeque<byte[]> queue = new LinkedBlockingDeque<>();
    private final AtomicLong pending = new AtomicLong();
    private final Object drained = new Object();
    private final SplittableRandom pieces = new SplittableRandom(7);
    private volatile boolean running;
    /** Between the first and the last byte of one write: a host attaching now reads the rest of it first. */
    private volatile boolean midWrite;
    private Thread thread;
    private boolean warned;

    Outlet(String name, Target target, WireTiming timing) {
        this.name = name;
        this.target = target;
        this.timing = timing;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "emu2-out-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    void send(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (pending.get() + bytes.length > MAX_PENDING_BYTES) {
            if (!warned) {
                LOG.warn("{}: nobody is reading; dropping output beyond {} queued bytes", name, MAX_PENDING_BYTES);
                warned = true;
            }
            return;
        }
        pending.addAndGet(bytes.length);
        queue.add(bytes);
    }

    /** Whether a write has begun and not ended: a host that flushes now reads the rest of it first. */
    boolean midWrite() {
        return midWrite;
    }

    /** Queues bytes ahead of everything queued (the stale tail for a host that has just attached). */
    void sendFirst(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        pending.addAndGet(bytes.length);
        queue.addFirst(bytes);
    }

    /** Drops everything queued (the port went away). */
    void clear() {
        // count down only what is dropped here: bytes the writer has taken count down when written,
        // so resetting to 0 would let the count go below the real backlog and loosen the bound
        byte[] dropped;
        while ((dropped = queue.poll()) != null) {
            pending.addAndGet(-dropped.length);
        }
        signalIfDrained();
    }

    /** Waits until nothing is queued or being written (all written or dropped); false if not by {@code deadlineNanos}. */
    boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        synchronized (drained) {
            while (pending.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void signalIfDrained() {
        if (pending.get() <= 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    long pendingBytes() {
        return Math.max(0, pending.get());
    }

    private void run() {
        while (running) {
            byte[] bytes;
            try {
                bytes = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (bytes == null) {
                continue;
            }
            midWrite = true;
            try {
                double trickle = timing.trickleBytesPerSecond().getAsDouble();
                if (trickle > 0) {
                    trickle(bytes, trickle);
                } else {
                    packets(bytes);
                }
                warned = false;
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: write failed ({}); bytes dropped", name, e.toString());
            } finally {
                midWrite = false;
                pending.addAndGet(-bytes.length);
                signalIfDrained();
            }
        }
    }

    private void packets(byte[] bytes) throws IOException {
        int size = timing.packetBytes();
        if (size == 0) {
            target.write(bytes);
            return;
        }
        long due = System.nanoTime();
        for (int done = 0; done < bytes.length && running; done += size) {
            int n = Math.min(size, bytes.length - done);
            target.write(Arrays.copyOfRange(bytes, done, done + n));
            double rate = timing.wallBytesPerSecond().getAsDouble();
            if (rate > 0) {
                // paced on average: a park shorter than the timer's slack would only slow a fast run down
                due += (long) (n / rate * 1e9);
                long ahead = due - System.nanoTime();
                if (ahead > MIN_PARK_NANOS) {
                    LockSupport.parkNanos(ahead);
                }
            }
        }
    }

    private void trickle(byte[] bytes, double rate) throws IOException {
        int done = 0;
        while (done < bytes.length && running) {
            int n = Math.min(bytes.length - done, 1 + pieces.nextInt(16));
            target.write(Arrays.copyOfRange(bytes, done, done + n));
            done += n;
            LockSupport.parkNanos((long) (n / rate * 1e9));
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
