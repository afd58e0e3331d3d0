package dev.metertap.features;

import dev.metertap.collector.store.Store;

/** The collector's embedded store of one scenario, in the scenario's folder; opened on first use. */
public final class ScenarioStore implements AutoCloseable {

    private final ScenarioFolder folder;
    private Store store;

    public ScenarioStore(ScenarioFolder folder) {
        this.folder = folder;
    }

    public synchronized Store opened() {
        if (store == null) {
            store = Store.open(folder.resolve("metertap.db"));
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
