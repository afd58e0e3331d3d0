package dev.metertap.features;

import io.cucumber.java.After;

/** Closes a scenario's parts in dependency order: the collector before what it reads, the folder last. */
public final class ScenarioTeardown {

    private final ScenarioCollector collector;
    private final ShippedCollector shipped;
    private final VirtualDisplay display;
    private final ScenarioUtility utility;
    private final InfluxForwarding influx;
    private final HomeAssistantBroker mqtt;
    private final ScenarioFolder folder;

    public ScenarioTeardown(ScenarioCollector collector, ShippedCollector shipped, VirtualDisplay display, ScenarioUtility utility, InfluxForwarding influx,
                            HomeAssistantBroker mqtt, ScenarioFolder folder) {
        this.collector = collector;
        this.shipped = shipped;
        this.display = display;
        this.utility = utility;
        this.influx = influx;
        this.mqtt = mqtt;
        this.folder = folder;
    }

    @After
    public void closeEverything() throws Exception {
        try (folder; influx; mqtt; utility; display; shipped; collector) {
            // try-with-resources closes in reverse order of declaration: the collectors, display, PG&E, mosquitto, InfluxDB, folder
        }
    }
}
