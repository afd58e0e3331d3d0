package dev.metertap.collector.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A child process's output, line by line, as events to wait for (each wait bounded by the deadline). */
public final class ChildLines {
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
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
                    }
                    queue.add(line);
                }
            } catch (IOException ended) {
                // the child is gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Every line, once the child has closed the stream (it has exited). */
    public List<String> untilEnd() throws InterruptedException {
        reader.join(deadline.toMillis());
        assertThat(reader.isAlive()).as("the child's output ended").isFalse();
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The first line, seen before or after this call, that is {@code wanted}. */
    public String await(Predicate<String> wanted, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            synchronized (all) {
                for (String line : all) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            String line = queue.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("%s within %s; output so far:%n%s", what, deadline, text()).isNotNull();
        }
    }

    public String text() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }
}
