package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.io.PrintWriter;

/** One line redrawn in place: {@code [#######.............] 3/8 windows  1,234,567 readings  requesting …}. */
public final class TerminalProgressBar implements BackfillProgress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private int total;
    private int ended;
    private long readings;
    private String activity = "";

    public TerminalProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void planned(int windows) {
        total += windows;
        draw();
    }

    @Override
    public synchronized void requesting(TimeWindow window, int attempt) {
        activity = (attempt > 1 ? "asking again for " : "requesting ") + window.from().toString().substring(0, 10)
                + ".." + window.to().toString().substring(0, 10);
        draw();
    }

    @Override
    public synchronized void ended(TimeWindow window, WindowOutcome outcome, long readingsSoFar) {
        ended++;
        readings = readingsSoFar;
        activity = "";
        draw();
    }

    @Override
    public synchronized void done() {
        draw();
        out.println();
        out.flush();
    }

    private void draw() {
        int filled = total == 0 ? 0 : Math.min(WIDTH, ended * WIDTH / total);
        out.printf("\r[%s%s] %d/%d windows  %,d readings  %-40s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                ended, total, readings, activity);
        out.flush();
    }
}
