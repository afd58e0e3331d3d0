package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as plain log lines, for a service, a pipe or a file. */
public final class LoggedProgress implements BackfillProgress {

    private static final Logger log = LoggerFactory.getLogger(LoggedProgress.class);

    private int total;
    private int ended;

    @Override
    public void planned(int windows) {
        total += windows;
        log.info("backfill: {} window(s) to request", total);
    }

    @Override
    public void requesting(TimeWindow window, int attempt) {
        log.info("backfill: requesting {}{}", window, attempt > 1 ? " (attempt " + attempt + ")" : "");
    }

    @Override
    public void resourceStored(TimeWindow window, int answered, int usagePoints, long readingsSoFar) {
        log.info("backfill: {} {}/{} usage point(s) stored ({} readings so far)", window, answered, usagePoints, readingsSoFar);
    }

    @Override
    public void ended(TimeWindow window, WindowOutcome outcome, long readingsSoFar) {
        ended++;
        log.info("backfill: {} {} ({}/{} windows, {} readings so far)", window, outcome.name().toLowerCase(java.util.Locale.ROOT),
                ended, total, readingsSoFar);
    }

    @Override
    public void done() {
        // every line is already out
    }
}
