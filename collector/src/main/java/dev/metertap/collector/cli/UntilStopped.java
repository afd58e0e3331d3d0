package dev.metertap.collector.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a listening command runs: until {@code --duration} passes, {@link #stop()} is called, or Ctrl-C. On Ctrl-C the
 * JVM's shutdown waits (up to 5 s) for the command to {@link #close()}, so its closing summary is still printed.
 */
final class UntilStopped implements AutoCloseable {

    private static final Duration SUMMARY_WAIT = Duration.ofSeconds(5);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread onCtrlC = new Thread(this::ctrlC, "metertap-shutdown");

    UntilStopped() {
        Runtime.getRuntime().addShutdownHook(onCtrlC);
    }

    /** Ends {@link #await} early (the source ended by itself). */
    void stop() {
        stop.countDown();
    }

    /** Returns after {@code duration} (null: no limit), {@link #stop()} or Ctrl-C. */
    void await(Duration duration) throws InterruptedException {
        if (duration != null) {
            stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            stop.await();
        }
    }

    /** The command is done, its summary printed: a Ctrl-C's shutdown may go on. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us
        }
    }

    private void ctrlC() {
        stop.countDown();
        try {
            finished.await(SUMMARY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
