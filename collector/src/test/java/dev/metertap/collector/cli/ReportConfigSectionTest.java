package dev.metertap.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code metertap report} takes its zone and its price from the configuration's {@code report:} section, and
 * {@code --zone} still wins. The house draws exactly 250 W for one Berlin day, with no price stored.
 */
class ReportConfigSectionTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    @TempDir
    static Path dir;
    static Path db;
    static Path config;

    @BeforeAll
    static void store() throws Exception {
        db = dir.resolve("house.db");
        List<Reading> readings = new ArrayList<>();
        Instant end = DAY.plusDays(1).atStartOfDay(BERLIN).toInstant();
        for (Instant t = DAY.atStartOfDay(BERLIN).toInstant(); t.isBefore(end); t = t.plusSeconds(10)) {
            readings.add(new DemandReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", t, new BigDecimal("0.250")));
        }
        try (Store store = Store.open(db)) {
            store.appendAll(readings);
        }
        config = Files.writeString(dir.resolve("metertap.yaml"), """
                store: {path: %s}
                report:
                  zone: Europe/Berlin
                  tariff: {per-kwh: 0.31, currency: EUR}
                """.formatted(db));
    }

    @Test
    void theConfiguredZoneCountsTheNightsAndTheConfiguredPriceTheCost() throws Exception {
        JsonNode json = report("report", "-c", config.toString(), "--format", "json");
        assertThat(json.at("/scope/zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(json.at("/scope/firstDay").asText()).isEqualTo("2026-06-01");
        assertThat(json.at("/scope/lastDay").asText()).isEqualTo("2026-06-01");
        assertThat(json.at("/nights")).as("the Berlin night 00:00 to 06:00 is covered").hasSize(1);
        assertThat(json.at("/nights/0/day").asText()).isEqualTo("2026-06-01");
        assertThat(json.at("/nights/0/watts").asDouble()).isEqualTo(250.0);
        assertThat(json.at("/baseline/tariff/perKwh").decimalValue()).isEqualByComparingTo("0.31");
        assertThat(json.at("/baseline/tariff/currency").asText()).isEqualTo("EUR");
        assertThat(json.at("/baseline/tariff/source").asText()).isEqualTo("config");
    }

    @Test
    void theZoneOptionWinsOverTheConfiguration() throws Exception {
        JsonNode json = report("report", "-c", config.toString(), "--format", "json", "--zone", "America/Los_Angeles");
        assertThat(json.at("/scope/zone").asText()).isEqualTo("America/Los_Angeles");
        // Berlin's 1 June is 31 May 15:00 to 1 June 15:00 in California: two Californian days
        assertThat(json.at("/scope/firstDay").asText()).isEqualTo("2026-05-31");
        assertThat(json.at("/scope/lastDay").asText()).isEqualTo("2026-06-01");
    }

    private static JsonNode report(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = MetertapCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        assertThat(command.execute(args)).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }
}
