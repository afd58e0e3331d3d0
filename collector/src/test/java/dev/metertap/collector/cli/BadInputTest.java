package dev.metertap.collector.cli;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad value on the command line or in the configuration: exit 2 and one line in the user's words. */
class BadInputTest {

    @TempDir
    Path dir;

    private Path db;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void seed() {
        db = dir.resolve("metertap.db");
        try (Store store = Store.open(db)) {
            store.appendAll(List.of(new DemandReading("d1", "m1", Instant.parse("2026-11-23T20:00:00Z"), new BigDecimal("1.250"))));
        }
    }

    private int run(String... args) {
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The one line the user got, after checking it is one line without Java's vocabulary. */
    private String oneLine() {
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as("stderr: %s", err).hasSize(1);
        assertThat(lines.get(0)).startsWith("metertap: ").doesNotContain("java.").doesNotContain("Exception")
                .doesNotContain("class ").doesNotContain("Usage:");
        return lines.get(0);
    }

    @Test
    void aDayInAnotherFormatSaysTheFormatExpected() {
        assertThat(run("report", "--store", db.toString(), "--from", "11/24/2026")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: --from: '11/24/2026' is not a day: write it year-month-day, like 2026-11-24");
    }

    @Test
    void anUnknownZoneSaysWhatAZoneLooksLike() {
        assertThat(run("report", "--store", db.toString(), "--zone", "Pacific")).isEqualTo(2);
        assertThat(oneLine()).startsWith("metertap: --zone: 'Pacific' is not a time zone").contains("America/Los_Angeles");
    }

    @Test
    void aZoneInTheWrongCaseIsStillTheZone() {
        assertThat(run("report", "--store", db.toString(), "--zone", "america/los_angeles", "--format", "json")).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("America/Los_Angeles");
    }

    @Test
    void anUnknownFormatListsTheFormats() {
        assertThat(run("report", "--store", db.toString(), "--format", "pdf")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: --format: 'pdf' is not one of text, html, json");
    }

    @Test
    void aNumberThatIsNotOneSaysSo() {
        assertThat(run("emu2", "send", "get_time", "--attempts", "many", "--port", "tcp://127.0.0.1:9")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: --attempts: 'many' is not a whole number");
    }

    @Test
    void aMistypedOptionSuggestsTheRightOne() {
        assertThat(run("store", "export", "--store", db.toString(), "--serie", "emu2_demand")).isEqualTo(2);
        assertThat(oneLine()).contains("'--serie'").contains("--series");
    }

    @Test
    void aGroupWithoutItsCommandListsTheCommands() {
        assertThat(run("emu2")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: 'metertap emu2' needs a command: listen, record, send (see 'metertap emu2 --help')");
        err.getBuffer().setLength(0);
        assertThat(run("store", "statz")).isEqualTo(2);
        assertThat(oneLine()).startsWith("metertap: 'statz' is not a command or option of 'metertap store'");
    }

    @Test
    void aRadioSectionWithoutOnesMetersSaysWhatToDo() throws Exception {
        Path config = dir.resolve("metertap.yaml");
        Files.writeString(config, "store: {path: " + db + "}\nrtlamr: {command: rtlamr -format=json}\n");
        assertThat(run("store", "stats", "-c", config.toString())).isEqualTo(2);
        assertThat(oneLine()).startsWith("metertap: " + config + ": ").contains("rtlamr")
                .contains("list your meter ids under 'meters:' (run 'metertap rtlamr listen' to see which meters are heard)")
                .doesNotContain("Exception").doesNotContain("dev.metertap");
    }

    @Test
    void rtlamrListenRefusesTwoSourcesAndABadAddress() {
        assertThat(run("rtlamr", "listen", "--command", "rtlamr", "--tcp", "127.0.0.1:5000")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: give --command or --tcp, not both (see 'metertap rtlamr listen --help')");
        err.getBuffer().setLength(0);
        assertThat(run("rtlamr", "listen", "--tcp", "no port here")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: 'no port here' is not host:port (see 'metertap rtlamr listen --help')");
        err.getBuffer().setLength(0);
        assertThat(run("rtlamr")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: 'metertap rtlamr' needs a command: listen (see 'metertap rtlamr --help')");
    }

    @Test
    void aYamlSyntaxErrorGivesLineAndColumn() throws Exception {
        Path config = dir.resolve("metertap.yaml");
        Files.writeString(config, "store:\n  path: " + db + "\n   oops: 1\n");
        assertThat(run("store", "stats", "-c", config.toString())).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: " + config + ": not valid YAML at line 3, column 8: mapping values are not allowed here");
    }

    @Test
    void anUnknownMeasurementSaysSoAndListsTheKnownOnes() {
        assertThat(run("store", "export", "--store", db.toString(), "--series", "emu2_demnd")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("metertap: --series: unknown measurement 'emu2_demnd'; known: "
                + "emu2_demand, emu2_summation, emu2_price, emu2_link, pge_interval, baseline_night, amr_consumption, amr_interval");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPartialSinkBatchingTakesDefaultsForTheRest() throws Exception {
        Path config = dir.resolve("metertap.yaml");
        Files.writeString(config, "store: {path: " + db + "}\nsinks:\n  - {name: telegraf, type: stdout, batching: {max-delay: 1h}}\n");
        assertThat(run("store", "stats", "-c", config.toString())).isZero();
        assertThat(err.toString()).isEmpty();
        Files.writeString(config, "sinks:\n  - {name: telegraf, type: stdout, batching: {max-points: 0}}\n");
        assertThat(run("store", "stats", "-c", config.toString())).isEqualTo(2);
        assertThat(oneLine()).startsWith("metertap: " + config + ": sinks[0].batching: ").doesNotContain("DeserializationConfig");
    }
}
