package dev.metertap.collector.rtlamr;

import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.sink.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads rtlamr's JSON lines from a feed and hands each new reading on, supervising the feed: when the child exits
 * (rtl_tcp went away, the dongle was pulled) or writes no message for {@code silence}, it is stopped and started again
 * after a capped, doubling backoff, and the log says why. The backoff starts over once a run delivered a message.
 * Nothing starts in the constructor; {@link #start()} starts one reader thread.
 */
public final class RtlamrSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtlamrSource.class);
    private static final int MAX_REASONS_KEPT = 32;

    public enum State { STARTING, READING, WAITING, STOPPED }

    /** @param meters whose messages become readings */
    public record Settings(MeterChoice meters, Duration silence, Backoff restart, int maxLineBytes) {
    }

    private final RtlamrFeed feed;
    private final Settings settings;
    private final Consumer<Reading> readings;
    private final Clock clock;
    private final RtlamrDecoder decoder;
    private final RtlamrLines lines;
    private final ScheduledExecutorService watchdog;
    private final Object lock = new Object();
    private Thread reader;
    private volatile State state = State.STARTING;
    private volatile long restarts;
    private volatile String lastRestartWhy;
    private volatile Instant lastMessageAt;
    private volatile long lastMessageNanos;
    private volatile String silentFor;
    private long skipped;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private final java.util.Deque<String> restartReasons = new java.util.ArrayDeque<>();
    private RtlamrFeed.Connection current;
    private boolean closed;

    /**
     * @param readings hears each reading on the reader thread, in order; keep it quick (the store's append is)
     * @param clock    the host's clock, for {@code lastMessageAt}; silence is measured on the monotonic clock
     */
    public RtlamrSource(RtlamrFeed feed, Settings settings, Consumer<Reading> readings, Clock clock) {
        this.feed = feed;
        this.settings = settings;
        this.readings = readings;
        this.clock = clock;
        this.decoder = new RtlamrDecoder(settings.meters());
        this.lines = new RtlamrLines(settings.maxLineBytes());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metertap-rtlamr-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Before {@link #start()}: what the store already holds for these meters (see {@link RtlamrDecoder#resumeFrom}). */
    public synchronized void resumeFrom(List<dev.metertap.collector.reading.Point> stored) {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        decoder.resumeFrom(stored);
    }

    public synchronized void start() {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        reader = new Thread(this::superviseQuietly, "metertap-rtlamr");
        reader.setDaemon(true);
        reader.start();
        long every = Math.max(20, settings.silence().toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::checkSilence, every, every, TimeUnit.MILLISECONDS);
    }

    private void superviseQuietly() {
        try {
            supervise();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state = State.STOPPED;
            stopped.countDown();
        }
    }

    /** Waits until reading ended for good (standard input's end, or {@link #close()}). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Waits until reading ended for good (standard input's end, or {@link #close()}); false when it had not within {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void supervise() throws InterruptedException {
        int attempt = 0;
        while (true) {
            RtlamrFeed.Connection connection;
            String why;
            long messagesBefore = decoder.messages();
            synchronized (lock) {
                if (closed) {
                    return;
                }
                state = State.STARTING;
            }
            try {
                connection = feed.open();
                synchronized (lock) {
                    current = connection;
                    silentFor = null;
                    lastMessageNanos = System.nanoTime();
                    state = State.READING;
                    if (closed) {
                        connection.close();
                    }
                }
                log.info("reading rtlamr from {}", connection.describe());
                why = read(connection);
                synchronized (lock) {
                    current = null;
                }
                connection.close();
            } catch (IOException e) {
                why = e.getMessage();
            }
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            if (!feed.restartable()) {
                log.info("rtlamr input ended ({})", why);
                return;
            }
            if (decoder.messages() > messagesBefore) {
                attempt = 0;
            }
            attempt++;
            Duration delay = settings.restart().delay(attempt);
            log.warn("rtlamr stopped ({}); restarting in {} ms: {}", why, delay.toMillis(), feed.describe());
            synchronized (lock) {
                restarts++;
                lastRestartWhy = why;
                restartReasons.addLast(why);
                if (restartReasons.size() > MAX_REASONS_KEPT) {
                    restartReasons.removeFirst();
                }
                lock.notifyAll();
                state = State.WAITING;
                long until = System.nanoTime() + delay.toNanos();
                long left;
                while (!closed && (left = until - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            }
        }
    }

    /** Reads one connection to its end; returns why it ended. */
    private String read(RtlamrFeed.Connection connection) {
        InputStream in = connection.lines();
        long overlongBefore = lines.overlongLines();
        try {
            lines.readAll(in, this::acceptLine);
        } catch (IOException e) {
            if (silentFor == null) {
                return "read failed: " + e.getMessage();
            }
        } finally {
            for (long i = overlongBefore; i < lines.overlongLines(); i++) {
                decoder.countSkipped("a line longer than " + lines.maxLineBytes() + " bytes");
            }
        }
        String silent = silentFor;
        return silent != null ? "wrote no message for " + silent : connection.whyEnded();
    }

    private void acceptLine(String line) {
        long before = decoder.messages();
        List<Reading> out = decoder.acceptLine(line);
        if (decoder.messages() > before) {
            lastMessageNanos = System.nanoTime();
            lastMessageAt = clock.instant();
        } else {
            skipped++;
            if (Long.bitCount(skipped) == 1) {
                // 1st, 2nd, 4th, 8th… skipped line: enough to see what is wrong without flooding the log
                log.info("skipped a line that is not rtlamr's JSON ({}; {} so far)", decoder.lastRejection(), skipped);
            }
        }
        for (Reading reading : out) {
            readings.accept(reading);
        }
    }

    private void checkSilence() {
        synchronized (lock) {
            if (state != State.READING || current == null || silentFor != null) {
                return;
            }
            long quiet = System.nanoTime() - lastMessageNanos;
            if (quiet > settings.silence().toNanos()) {
                silentFor = humane(settings.silence());
                if (feed.restartable()) {
                    current.close();
                } else {
                    log.warn("rtlamr has written no message for {}", silentFor);
                }
            }
        }
    }

    private static String humane(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Waits until a restart happened for a reason {@code why} accepts; false when none had within {@code timeout}. */
    public boolean awaitRestart(java.util.function.Predicate<String> why, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long left;
            while (restartReasons.stream().noneMatch(why)) {
                if ((left = until - System.nanoTime()) <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Why the last restarts happened, oldest first (at most 32). */
    public List<String> restartReasons() {
        synchronized (lock) {
            return List.copyOf(restartReasons);
        }
    }

    public RtlamrHealth health() {
        return new RtlamrHealth(state, feed.describe(), restarts, Optional.ofNullable(lastRestartWhy),
                Optional.ofNullable(lastMessageAt), decoder.stats());
    }

    /** Stops the child (or closes the connection) and waits for the reader to finish what it read. */
    @Override
    public void close() {
        RtlamrFeed.Connection open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = current;
            lock.notifyAll();
        }
        watchdog.shutdownNow();
        if (open != null) {
            open.close();
        }
        Thread running;
        synchronized (this) {
            running = reader;
        }
        // a read of standard input cannot be interrupted: its daemon thread is left to the process's end
        if (running != null && feed.restartable()) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = State.STOPPED;
    }
}
