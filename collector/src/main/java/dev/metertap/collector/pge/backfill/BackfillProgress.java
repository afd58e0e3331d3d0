package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

/** Where a backfill reports how far it got: a bar on a terminal, log lines otherwise. */
public interface BackfillProgress {

    /** {@code windows} more windows are to be requested (the first call gives the plan; splits add to it). */
    void planned(int windows);

    void requesting(TimeWindow window, int attempt);

    /**
     * A fetched resource of {@code window} is stored: {@code answered} of its {@code usagePoints} are in (a window's
     * resources arrive one by one, and several windows are awaited at once).
     */
    default void resourceStored(TimeWindow window, int answered, int usagePoints, long readingsSoFar) {
    }

    void ended(TimeWindow window, WindowOutcome outcome, long readingsSoFar);

    /** The backfill is over (the bar may end its line). */
    void done();
}
