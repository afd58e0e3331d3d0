package dev.metertap.features;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.sink.InfluxSink;
import dev.metertap.collector.sink.Influxd;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real influxd and the collector's forwarder from the scenario's store to it; stopped after the scenario. */
public final class InfluxForwarding implements AutoCloseable {

    static final String DATABASE = "metertap";
    /** Quicker than the defaults (1 s to 1 min) so an outage of a wall second is retried within the scenario. */
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private static final Batching SMALL = new Batching(1_000, 1_000_000, Duration.ofMillis(100));
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ScenarioFolder folder;
    private final ScenarioStore store;
    private Influxd influxd;
    private Forwarder forwarder;

    public InfluxForwarding(ScenarioFolder folder, ScenarioStore store) {
        this.folder = folder;
        this.store = store;
    }

    public void start() throws IOException, InterruptedException {
        influxd = new Influxd(folder.resolve("influxd"));
        influxd.start();
        influxd.query(null, "CREATE DATABASE \"" + DATABASE + "\"");
        forwarder = new Forwarder(store.opened(), InfluxSink.v1("influx", influxd.url(), DATABASE, null, null, null,
                Duration.ofSeconds(5)), SMALL, QUICK);
        forwarder.start();
    }

    public Influxd influxd() {
        return influxd;
    }

    public Forwarder forwarder() {
        return forwarder;
    }

    /** Demand and summation rows as {@link ReadingKey} text, one per row InfluxDB returns. */
    public List<String> readingKeys() throws IOException, InterruptedException {
        List<String> keys = new ArrayList<>();
        for (JsonNode row : rows("SELECT kw, meter FROM emu2_demand")) {
            keys.add("demand " + row.get(2).asText() + " " + time(row) + " " + plain(row.get(1)));
        }
        for (JsonNode row : rows("SELECT delivered_kwh, received_kwh, meter FROM emu2_summation")) {
            keys.add("summation " + row.get(3).asText() + " " + time(row) + " " + plain(row.get(1)) + " " + plain(row.get(2)));
        }
        return keys;
    }

    private List<JsonNode> rows(String influxql) throws IOException, InterruptedException {
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(influxd.query(DATABASE, influxql)).path("results").path(0).path("series").path(0).path("values")
                .forEach(rows::add);
        return rows;
    }

    private static Instant time(JsonNode row) {
        return Instant.ofEpochSecond(row.get(0).asLong());
    }

    private static String plain(JsonNode number) {
        return new BigDecimal(number.asText()).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() throws InterruptedException {
        if (forwarder != null) {
            forwarder.close();
            forwarder = null;
        }
        if (influxd != null) {
            influxd.close();
            influxd = null;
        }
    }
}
