package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line redrawn in place, never wider than the terminal (a wrapped line could not be redrawn):
 * {@code [#######.............]  35%  1/3 windows  1,234,567 readings  stored 2/3 of 2025-01-01..2025-07-01}.
 * The bar moves with each stored resource of each window, not only when a window ends: with several windows in
 * flight, they tend to end together. Log lines go through {@link #beneath(PrintStream)}, which clears the bar before a
 * line and draws it again after, so neither overwrites the other.
 */
public final class TerminalProgressBar implements BackfillProgress {

    /** What a terminal that says nothing of its width has. */
    public static final int DEFAULT_COLUMNS = 80;
    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 30;

    private final PrintWriter out;
    private final int columns;
    private final Map<TimeWindow, Double> inProgress = new HashMap<>();
    private int total;
    private int ended;
    private long readings;
    private String activity = "";
    /** The bar is on screen, at the start of its line. */
    private boolean drawn;
    /** {@link #done()}: the bar's last line stays; later log lines just follow it. */
    private boolean over;

    public TerminalProgressBar(PrintWriter out) {
        this(out, DEFAULT_COLUMNS);
    }

    /** @param columns the terminal's width */
    public TerminalProgressBar(PrintWriter out, int columns) {
        this.out = out;
        this.columns = Math.max(20, columns);
    }

    @Override
    public synchronized void planned(int windows) {
        total += windows;
        draw();
    }

    @Override
    public synchronized void requesting(TimeWindow window, int attempt) {
        activity = (attempt > 1 ? "asking again for " : "requesting ") + days(window);
        draw();
    }

    @Override
    public synchronized void resourceStored(TimeWindow window, int answered, int usagePoints, long readingsSoFar) {
        inProgress.put(window, usagePoints == 0 ? 0 : Math.min(1.0, answered / (double) usagePoints));
        readings = readingsSoFar;
        activity = "stored " + answered + "/" + usagePoints + " of " + days(window);
        draw();
    }

    @Override
    public synchronized void ended(TimeWindow window, WindowOutcome outcome, long readingsSoFar) {
        inProgress.remove(window);
        ended++;
        readings = readingsSoFar;
        activity = outcome == WindowOutcome.STORED ? "" : outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + days(window);
        draw();
    }

    @Override
    public synchronized void done() {
        draw();
        out.println();
        out.flush();
        drawn = false;
        over = true;
    }

    /**
     * A stream for log lines that share the terminal with the bar: before a line the bar is cleared, after it the bar
     * is drawn again below it.
     */
    public PrintStream beneath(PrintStream logs) {
        return new PrintStream(new OutputStream() {
            private boolean lineStarted;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (TerminalProgressBar.this) {
                    if (length == 0) {
                        return;
                    }
                    if (!lineStarted && drawn) {
                        erase();
                    }
                    logs.write(bytes, offset, length);
                    logs.flush();
                    lineStarted = bytes[offset + length - 1] != '\n';
                    if (!lineStarted && !over && total > 0) {
                        draw();
                    }
                }
            }

            @Override
            public void flush() {
                logs.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** The fraction done: windows ended, and the stored share of each window in flight. */
    synchronized double fraction() {
        if (total == 0) {
            return 0;
        }
        double done = ended + inProgress.values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.min(1.0, done / total);
    }

    private void draw() {
        out.print("\r" + line());
        out.flush();
        drawn = true;
    }

    private void erase() {
        out.print("\r" + " ".repeat(columns - 1) + "\r");
        out.flush();
        drawn = false;
    }

    /** The bar's line, exactly one column narrower than the terminal (the last column wraps on some terminals). */
    String line() {
        int room = columns - 1;
        int width = Math.max(MIN_BAR, Math.min(MAX_BAR, room / 3));
        // a hair over, so that 2/3 of 30 columns is 20, not 19.999…
        double fraction = fraction() + 1e-9;
        int filled = Math.min(width, (int) Math.floor(fraction * width));
        String text = String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d windows  %,d readings%s", "#".repeat(filled),
                ".".repeat(width - filled), Math.min(100, (int) Math.floor(fraction * 100)), ended, total, readings,
                activity.isEmpty() ? "" : "  " + activity);
        if (text.length() > room) {
            text = text.substring(0, room - 1) + "…";
        }
        return text + " ".repeat(room - text.length());
    }

    private static String days(TimeWindow window) {
        return window.from().toString().substring(0, 10) + ".." + window.to().toString().substring(0, 10);
    }
}
