package dev.metertap.features;

import io.cucumber.java.After;

/** Closes a scenario's parts in dependency order: the collector before what it reads, the folder last. */
public final class ScenarioTeardown {

    private final LiveCollector collector;
    private final VirtualDisplay display;
    private final MockedUtility utility;
    private final InfluxForwarding influx;
    private final ScenarioStore store;
    private final ScenarioFolder folder;

    public ScenarioTeardown(LiveCollector collector, VirtualDisplay display, MockedUtility utility, InfluxForwarding influx,
                            ScenarioStore store, ScenarioFolder folder) {
        this.collector = collector;
        this.display = display;
        this.utility = utility;
        this.influx = influx;
        this.store = store;
        this.folder = folder;
    }

    @After
    public void closeEverything() throws Exception {
        try (folder; store; influx; utility; display; collector) {
            // try-with-resources closes in reverse order of declaration: collector, display, PG&E, InfluxDB, store, folder
        }
    }
}
