package dev.metertap.collector.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A child process's output, line by line, as events to wait for (each wait bounded by the deadline). */
public final class ChildLines {
    private final List<String> all = new ArrayList<>();
    private final Thread reader;
    private final Duration deadline;

    public ChildLines(InputStream stream, Duration deadline) {
        this.deadline = deadline;
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (all) {
                        all.add(line);
                        all.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the child is gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends SIGTERM, leaving the child's output readable. {@link Process#destroy()} also closes our end of the child's
     * stdout and stderr at once, so whatever it prints while it stops (its last points, its last log lines) is lost.
     */
    public static void sigterm(Process child) {
        child.toHandle().destroy();
    }

    /** Every line, once the child has closed the stream (it has exited). */
    public List<String> untilEnd() throws InterruptedException {
        reader.join(deadline.toMillis());
        assertThat(reader.isAlive()).as("the child's output ended").isFalse();
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * The first line, seen before or after this call, that is {@code wanted}. Each line is tested once: a child may
     * print thousands, and testing them all again on every new one would make a long wait quadratic.
     */
    public String await(Predicate<String> wanted, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int tested = 0;
        synchronized (all) {
            while (true) {
                for (; tested < all.size(); tested++) {
                    if (wanted.test(all.get(tested))) {
                        return all.get(tested);
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(what + " within " + deadline + "; output so far:\n" + text());
                }
                all.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    public String text() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }
}
