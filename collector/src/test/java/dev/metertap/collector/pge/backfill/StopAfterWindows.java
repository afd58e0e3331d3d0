package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

/** Progress that cuts the power after some windows, as a crash or Ctrl-C would. */
final class StopAfterWindows implements BackfillProgress {
    private final int windows;
    private int ended;

    StopAfterWindows(int windows) {
        this.windows = windows;
    }

    @Override
    public void planned(int count) {
    }

    @Override
    public void requesting(TimeWindow window, int attempt) {
    }

    @Override
    public void ended(TimeWindow window, WindowOutcome outcome, long readingsSoFar) {
        if (++ended == windows) {
            throw new IllegalStateException("power cut after " + window + " (" + windows + " window(s) ended)");
        }
    }

    @Override
    public void done() {
    }
}
