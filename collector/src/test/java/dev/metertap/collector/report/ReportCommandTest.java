package dev.metertap.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.cli.MetertapCommand;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.store.Store;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.device.LoadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code metertap report} through the command line, on three days of a simulated 200 W base load. */
class ReportCommandTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    @TempDir
    static Path dir;
    static Path db;

    @BeforeAll
    static void store() {
        db = dir.resolve("house.db");
        ReportScope scope = new ReportScope(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 3), ZONE);
        try (Store store = Store.open(db)) {
            new SyntheticHouse(new HouseholdLoad(5, new LoadSettings(ZONE, 200, 0, false)), t -> 0, 0, 1.0, t -> false)
                    .writeTo(store, scope.start(), scope.end(), new BigDecimal("0.40"));
        }
    }

    @Test
    void jsonHasEveryFigureWithUnknownsAsNull() throws Exception {
        Run run = run("report", "--store", db.toString(), "--format", "json");
        assertThat(run.exit).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.at("/scope/firstDay").asText()).isEqualTo("2026-06-01");
        assertThat(json.at("/scope/zone").asText()).isEqualTo("America/Los_Angeles");
        assertThat(json.at("/baseline/medianWatts").asDouble()).isCloseTo(200, within(5.0));
        // medianWatts is written to 0.1 W, so the cost of the unrounded median differs by up to 0.05 W's
        assertThat(json.at("/baseline/costPerYear").asDouble()).isCloseTo(json.at("/baseline/medianWatts").asDouble() * 8.76 * 0.40,
                within(0.05 * 8.76 * 0.40 + 1e-5));
        assertThat(json.at("/price/currency").asText()).isEqualTo("USD");
        // the default period: the stored readings' days (the closing summation at midnight opens no day)
        assertThat(json.at("/days")).hasSize(3);
        assertThat(json.at("/days/2/emu2DeliveredKwh").asDouble()).isGreaterThan(4.0);
        assertThat(json.at("/days/0/pgeCost").isNull()).isTrue();
        assertThat(json.at("/nights/0/from").asText()).matches("0[0-5]:\\d\\d");
        assertThat(json.at("/sustainedLoads")).isEmpty();
    }

    @Test
    void textStartsWithTheBaselineForTheDaysAsked() {
        Run run = run("report", "--store", db.toString(), "--from", "2026-06-01", "--to", "2026-06-03");
        assertThat(run.exit).isZero();
        assertThat(run.out).startsWith("metertap report 2026-06-01 to 2026-06-02 (America/Los_Angeles)");
        assertThat(run.out).containsPattern("median +\\d{3} W over 2 nights");
        assertThat(run.out).contains("EMU-2 gap hours (not counted as differences): 0").doesNotContain("PG&E sent only part");
    }

    @Test
    void measuresTheAlwaysOnLoadOnTheSourceAsked() throws Exception {
        for (String source : List.of("emu2", "pge")) {
            Run run = run("report", "--store", db.toString(), "--format", "json", "--source", source);
            assertThat(run.exit).as(source).isZero();
            JsonNode json = new ObjectMapper().readTree(run.out);
            assertThat(json.at("/baseline/source").asText()).isEqualTo(source);
            assertThat(json.at("/baseline/medianWatts").asDouble()).as(source).isCloseTo(200, within(5.0));
            assertThat(json.at("/nights/0/source").asText()).isEqualTo(source);
        }
        Run wrong = run("report", "--store", db.toString(), "--source", "utility");
        assertThat(wrong.exit).isEqualTo(2);
        assertThat(wrong.err).contains("--source: 'utility' is not one of auto, emu2, pge");
        assertThat(wrong.err.lines().filter(line -> line.contains("utility")).count()).isEqualTo(1);
    }

    @Test
    void refusesAPeriodEndingBeforeItStarts() {
        Run run = run("report", "--store", db.toString(), "--from", "2026-06-03", "--to", "2026-06-01");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("--to must be after --from");
    }

    @Test
    void asksWhichMeterWhenTheStoreHoldsTwo() {
        Path two = dir.resolve("two-meters.db");
        Instant t = Instant.parse("2026-06-01T12:00:00Z");
        try (Store store = Store.open(two)) {
            for (String meter : List.of("0x0000000000000001", "0x0000000000000002")) {
                store.append(new SummationReading(SyntheticHouse.DEVICE, meter, t, new BigDecimal("10"), BigDecimal.ZERO));
                store.append(new SummationReading(SyntheticHouse.DEVICE, meter, t.plusSeconds(240), new BigDecimal("10.1"), BigDecimal.ZERO));
            }
        }
        Run both = run("report", "--store", two.toString());
        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err).contains("several meters [0x0000000000000001, 0x0000000000000002]: pick one with --meter");
        assertThat(run("report", "--store", two.toString(), "--meter", "0x0000000000000002").exit).isZero();
    }

    @Test
    void helpShowsExamples() {
        Run run = run("report", "--help");
        assertThat(run.exit).isZero();
        assertThat(run.out).contains("Examples:", "--format html --out", "--zone");
    }

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = MetertapCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
