package dev.metertap.features;

import dev.metertap.collector.pge.MockedUtility;
import dev.metertap.collector.pge.backfill.ShiftedClock;
import dev.metertap.pgemock.PgeMock;

import java.time.Duration;

/**
 * The scenario's PG&E: the collector's {@link MockedUtility} in the scenario's folder, on a clock of its own that
 * steps can move. Created when a step first mentions PG&E; the collector is then configured for it.
 */
public final class ScenarioUtility implements AutoCloseable {

    private final ScenarioFolder folder;
    private final ShiftedClock pgeClock = new ShiftedClock();
    private MockedUtility utility;

    public ScenarioUtility(ScenarioFolder folder) {
        this.folder = folder;
    }

    /** The mock, configurable until it starts. */
    public synchronized MockedUtility mocked() {
        if (utility == null) {
            utility = new MockedUtility(folder.resolve("pge")).clock(pgeClock);
        }
        return utility;
    }

    public PgeMock started() {
        return mocked().started();
    }

    /** Whether the scenario has a PG&E at all. */
    public synchronized boolean inUse() {
        return utility != null;
    }

    /** Moves PG&E's clock only: tokens it issued expire, the collector's clock does not notice. */
    public void pgeTimePasses(Duration duration) {
        pgeClock.jump(duration);
    }

    @Override
    public synchronized void close() {
        if (utility != null) {
            utility.close();
            utility = null;
        }
    }
}
