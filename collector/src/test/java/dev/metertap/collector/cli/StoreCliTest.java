package dev.metertap.collector.cli;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoreCliTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    private Path db;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void seed() {
        db = dir.resolve("metertap.db");
        try (Store store = Store.open(db)) {
            store.appendAll(List.of(
                    new DemandReading("d1", "m1", T0, new BigDecimal("1.250")),
                    new DemandReading("d1", "m1", T0.plusSeconds(8), new BigDecimal("-0.500")),
                    new LinkReading("d1", "m1", T0, "Connected, joined", 90)));
        }
    }

    private int run(String... args) {
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void statsShowsPointsPerMeasurement() {
        assertThat(run("store", "stats", "--store", db.toString())).isZero();
        assertThat(out.toString()).contains("points     3").contains("emu2_demand").contains("2026-11-23T08:00:08Z");
    }

    @Test
    void exportsCsvWithAColumnPerTagAndField() {
        assertThat(run("store", "export", "--store", db.toString(), "--format", "csv")).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "time,measurement,device,meter,kw,status,link_strength",
                "2026-11-23T08:00:00Z,emu2_demand,d1,m1,1.250,,",
                "2026-11-23T08:00:00Z,emu2_link,d1,m1,,\"Connected, joined\",90",
                "2026-11-23T08:00:08Z,emu2_demand,d1,m1,-0.500,,");
    }

    @Test
    void exportsOneSeriesAndRangeAsJsonOrLineProtocol() {
        assertThat(run("store", "export", "--store", db.toString(), "--series", "emu2_demand,meter=m1",
                "--from", "2026-11-23T08:00:01Z", "--to", "2026-11-24", "--format", "json")).isZero();
        assertThat(out.toString().strip()).isEqualTo(
                "{\"measurement\":\"emu2_demand\",\"time\":\"2026-11-23T08:00:08Z\",\"tags\":{\"device\":\"d1\",\"meter\":\"m1\"},\"fields\":{\"kw\":-0.500}}");
        out.getBuffer().setLength(0);
        assertThat(run("store", "export", "--store", db.toString(), "--series", "emu2_link")).isZero();
        assertThat(out.toString()).isEqualTo("emu2_link,device=d1,meter=m1 status=\"Connected, joined\",link_strength=90i 1795420800\n");
    }

    @Test
    void replaysARangeToAConfiguredSink() throws Exception {
        Path config = dir.resolve("metertap.yaml");
        Files.writeString(config, "store:\n  path: " + db + "\nsinks:\n  - {name: telegraf, type: stdout}\n");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("sink", "replay", "-c", config.toString(), "--sink", "telegraf", "--from", "2026-11-23", "--to", "2026-11-24")).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
        assertThat(err.toString()).contains("replayed 3 points to sink 'telegraf'");
    }

    @Test
    void badInputGetsOneClearLine() throws Exception {
        assertThat(run("store", "stats", "--store", dir.resolve("none.db").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("metertap: no store at ");
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "sinks:\n  - {name: x, type: stdout, colour: red}\n");
        err.getBuffer().setLength(0);
        assertThat(run("sink", "replay", "-c", config.toString(), "--sink", "x", "--from", "2026-11-23", "--to", "2026-11-24")).isEqualTo(2);
        assertThat(err.toString()).startsWith("metertap: " + config + ": unknown key 'sinks[0].colour'");
        Files.writeString(config, "sinks:\n  - {name: ha, type: mqtt, url: 'mqtt://127.0.0.1:1'}\n");
        err.getBuffer().setLength(0);
        assertThat(run("sink", "replay", "-c", config.toString(), "--sink", "ha", "--from", "2026-11-23", "--to", "2026-11-24")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("metertap: sink 'ha' is an mqtt sink: it carries the latest state, not history, so there is"
                + " nothing to replay (it publishes the current state whenever it connects)" + System.lineSeparator());
    }

    @Test
    void statsAndExportReadWhileACollectorWritesAndLeaveItsLockAlone() {
        try (Store collector = Store.open(db, Store.COLLECTOR)) {
            collector.append(new DemandReading("d1", "m1", T0.plusSeconds(16), new BigDecimal("2.000")));
            assertThat(run("store", "stats", "--store", db.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("points     4");
            out.getBuffer().setLength(0);
            assertThat(run("store", "export", "--store", db.toString(), "--series", "emu2_demand", "--from", "2026-11-23T08:00:10Z"))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("emu2_demand,device=d1,meter=m1 kw=2.000 1795420816\n");
            assertThat(collector.append(new DemandReading("d1", "m1", T0.plusSeconds(24), new BigDecimal("2.500"))))
                    .as("the collector still writes").isTrue();
        }
    }

    @Test
    void helpHasExamples() {
        assertThat(run("store", "export", "--help")).isZero();
        assertThat(out.toString()).contains("Examples:").contains("--format csv");
    }
}
