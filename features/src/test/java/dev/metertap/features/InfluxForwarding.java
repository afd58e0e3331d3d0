package dev.metertap.features;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.sink.Influxd;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real influxd of the scenario, and the collector's sink for it; stopped after the scenario. */
public final class InfluxForwarding implements AutoCloseable {

    static final String DATABASE = "metertap";
    static final String SINK = "influx";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ScenarioFolder folder;
    private final ScenarioConfig config;
    private Influxd influxd;

    public InfluxForwarding(ScenarioFolder folder, ScenarioConfig config) {
        this.folder = folder;
        this.config = config;
    }

    /**
     * Starts influxd and configures the collector's sink for it, retrying quicker than the defaults (1 s to 1 min)
     * so that an outage of a wall second is over within the scenario.
     */
    public void start() throws IOException, InterruptedException {
        influxd = new Influxd(folder.resolve("influxd"));
        influxd.start();
        influxd.query(null, "CREATE DATABASE \"" + DATABASE + "\"");
        config.sink("{name: %s, type: influxdb-v1, url: '%s', database: %s, timeout: 5s, backoff: {initial: 100ms, max: 1s},"
                .formatted(SINK, influxd.url(), DATABASE) + " batching: {max-points: 1000, max-bytes: 1000000, max-delay: 100ms}}");
    }

    public Influxd influxd() {
        return influxd;
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
        if (influxd != null) {
            influxd.close();
            influxd = null;
        }
    }
}
