package dev.metertap.features;

import io.cucumber.java.After;

/** Closes a scenario's parts in dependency order: the collector before the display it reads, the folder last. */
public final class ScenarioTeardown {

    private final LiveCollector collector;
    private final VirtualDisplay display;
    private final ScenarioFolder folder;

    public ScenarioTeardown(LiveCollector collector, VirtualDisplay display, ScenarioFolder folder) {
        this.collector = collector;
        this.display = display;
        this.folder = folder;
    }

    @After
    public void closeEverything() throws Exception {
        try (folder; display; collector) {
            // try-with-resources closes in reverse order of declaration: collector, display, folder
        }
    }
}
