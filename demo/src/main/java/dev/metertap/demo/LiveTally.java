package dev.metertap.demo;

import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.BackfillProgress;
import dev.metertap.collector.pge.backfill.WindowOutcome;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;

import java.time.Duration;
import java.time.Instant;

/**
 * What the demo shows while it runs: the collector's observer, it hears each EMU-2 reading once the collector has
 * stored it; PG&E backfill progress is counted too. Read from the status line's thread.
 */
final class LiveTally implements Emu2Listener, BackfillProgress {

    private volatile DemandReading lastDemand;
    private volatile SummationReading lastSummation;
    private volatile long readings;
    private volatile int windowsPlanned;
    private volatile int windowsDone;
    private volatile long intervals;
    private volatile boolean backfillDone;

    @Override
    public void onReading(Reading reading) {
        readings++;
        if (reading instanceof DemandReading demand) {
            synchronized (this) {
                lastDemand = demand;
                notifyAll();  // the demo waits for the last demand the device wrote
            }
        } else if (reading instanceof SummationReading summation) {
            lastSummation = summation;
        }
    }

    @Override
    public void planned(int windows) {
        windowsPlanned = windows;
    }

    @Override
    public void requesting(TimeWindow window, int attempt) {
    }

    @Override
    public void ended(TimeWindow window, WindowOutcome outcome, long readingsSoFar) {
        windowsDone++;
        intervals = readingsSoFar;
    }

    @Override
    public void done() {
        backfillDone = true;
    }

    /**
     * Waits until a demand reading of device time {@code time} or later was stored; false when none was within
     * {@code timeout}.
     */
    synchronized boolean awaitDemandAt(Instant time, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastDemand == null || lastDemand.time().isBefore(time)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    DemandReading lastDemand() {
        return lastDemand;
    }

    SummationReading lastSummation() {
        return lastSummation;
    }

    long readings() {
        return readings;
    }

    String backfill() {
        if (backfillDone) {
            return intervals + " intervals";
        }
        return windowsDone + "/" + (windowsPlanned == 0 ? "?" : windowsPlanned) + " windows";
    }
}
