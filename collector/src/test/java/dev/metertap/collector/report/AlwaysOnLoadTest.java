package dev.metertap.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.Consumer;
import java.util.function.LongToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Houses whose always-on load the test knows by construction: a base, a fridge drawing 150 W for 20 minutes of
 * every hour (so any whole hour holds exactly 50 W of it), and loads that stay out of the night (evening 18:00 to
 * 23:30, morning 06:30 to 08:00, midday 10:00 to 14:00). The true nightly figure is base + 50 W on every night,
 * whichever source measures it and however its hours fall.
 */
class AlwaysOnLoadTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final LocalDate FIRST = LocalDate.of(2026, 11, 2);

    @TempDir
    Path dir;

    /** Base + fridge + the day's loads; {@code base} may change by night. */
    static LongToIntFunction house(LongToIntFunction base, int solarPeakWatts) {
        return t -> {
            LocalTime local = Instant.ofEpochSecond(t).atZone(ZONE).toLocalTime();
            double hour = local.toSecondOfDay() / 3600.0;
            int w = base.applyAsInt(t);
            w += Math.floorMod(local.getMinute() - 10, 60) < 20 ? 150 : 0;
            w += hour >= 18 && hour < 23.5 ? 1500 : 0;
            w += hour >= 6.5 && hour < 8 ? 800 : 0;
            w += hour >= 10 && hour < 14 ? 1000 : 0;
            if (solarPeakWatts > 0 && hour > 7 && hour < 17) {
                w -= (int) Math.round(solarPeakWatts * Math.sin(Math.PI * (hour - 7) / 10));
            }
            return w;
        };
    }

    static LongToIntFunction house(int base) {
        return house(t -> base, 0);
    }

    @Test
    void pgeHourlyHistoryAloneGivesTheAnswer() {
        Report report = report(14, BaselineSource.AUTO, null, (store, scope) ->
                new KnownHouse(house(500)).pge(store, scope.start(), scope.end(), 3600));
        Report.Baseline b = report.baseline();
        assertThat(report.nights()).hasSize(14).allSatisfy(n -> {
            assertThat(n.watts()).isCloseTo(550, within(0.5));
            assertThat(n.source()).isEqualTo(BaselineSource.PGE);
            assertThat(n.emu2Watts()).isNaN();
        });
        assertThat(b.source()).isEqualTo(BaselineSource.PGE);
        assertThat(b.medianWatts()).isCloseTo(550, within(0.5));
        // a day: 500 W × 24 h + fridge 50 W × 24 h + 1.5 kW × 5.5 h + 0.8 kW × 1.5 h + 1 kW × 4 h = 26.65 kWh
        assertThat(b.sharePercent()).isCloseTo(100 * 0.550 * 24 / 26.65, within(0.1));
        assertThat(b.verdict()).contains("is 550 W", "14 nights measured on PG&E's intervals",
                "235 % above the 164 W average of about 70,000 PG&E homes (NRDC, 2015)",
                "152 % above the 218 W", "It makes 50 % of the electricity", "No price is known");
        assertThat(b.step()).isNull();
        assertThat(b.trend()).isNotNull();
        assertThat(Math.abs(b.trend().wattsPer30Days())).isLessThanOrEqualTo(b.trend().uncertaintyWattsPer30Days() + 0.01);
    }

    @Test
    void pgeQuarterHoursFindTheSameFloor() {
        Report report = report(7, BaselineSource.AUTO, null, (store, scope) ->
                new KnownHouse(house(500)).pge(store, scope.start(), scope.end(), 900));
        assertThat(report.nights()).hasSize(7).allSatisfy(n -> assertThat(n.watts()).isCloseTo(550, within(0.5)));
        assertThat(report.baseline().trend()).as("a trend needs 14 nights").isNull();
    }

    @Test
    void emu2DemandAloneGivesTheAnswer() {
        Report report = report(7, BaselineSource.AUTO, null, (store, scope) ->
                new KnownHouse(house(180)).demand(store, scope.start(), scope.end(), 10));
        assertThat(report.nights()).hasSize(7).allSatisfy(n -> {
            assertThat(n.watts()).isCloseTo(230, within(0.5));
            assertThat(n.source()).isEqualTo(BaselineSource.EMU2);
        });
        assertThat(report.baseline().verdict()).contains("is 230 W", "measured on the EMU-2", "40 % above the 164 W",
                "about the same as the 218 W");
    }

    @Test
    void theMetersCounterStandsInWhenDemandIsSparse() {
        Report report = report(7, BaselineSource.EMU2, null, (store, scope) -> new KnownHouse(house(180))
                .demand(store, scope.start(), scope.end(), 900)
                .counter(store, scope.start(), scope.end(), 60));
        // the counter's 1 Wh steps make each hour good to about 2 Wh
        assertThat(report.nights()).hasSize(7).allSatisfy(n -> assertThat(n.watts()).isCloseTo(230, within(2.5)));
    }

    @Test
    void bothSourcesAreShownWhenTheyDifferByMoreThanFivePercent() {
        LongToIntFunction truth = house(180);
        ScopedWriter both = (store, scope) -> {
            new KnownHouse(truth).demand(store, scope.start(), scope.end(), 10);
            new KnownHouse(t -> (int) Math.round(1.09 * truth.applyAsInt(t))).pge(store, scope.start(), scope.end(), 3600);
        };
        Report auto = report(7, BaselineSource.AUTO, null, both);
        assertThat(auto.baseline().source()).as("a tie goes to the EMU-2").isEqualTo(BaselineSource.EMU2);
        assertThat(auto.nights()).hasSize(7).allSatisfy(n -> {
            assertThat(n.watts()).isCloseTo(230, within(0.5));
            assertThat(n.pgeWatts()).isCloseTo(230 * 1.09, within(1.0));
            assertThat(BaselineFinder.sourcesDiffer(n)).isTrue();
        });
        Report pge = report(7, BaselineSource.PGE, null, both);
        assertThat(pge.baseline().source()).isEqualTo(BaselineSource.PGE);
        assertThat(pge.baseline().medianWatts()).isCloseTo(230 * 1.09, within(1.0));
    }

    @Test
    void autoPrefersTheSourceCoveringMoreNightsAndFillsTheOthersGaps() {
        Report report = report(10, BaselineSource.AUTO, null, (store, scope) -> {
            new KnownHouse(house(180)).demand(store, scope.end().minusSeconds(3 * 86_400), scope.end(), 10);
            new KnownHouse(house(180)).pge(store, scope.start(), scope.end().minusSeconds(86_400), 3600);
        });
        assertThat(report.baseline().source()).isEqualTo(BaselineSource.PGE);
        assertThat(report.nights()).hasSize(10);
        assertThat(report.nights().subList(0, 9)).allSatisfy(n -> assertThat(n.source()).isEqualTo(BaselineSource.PGE));
        assertThat(report.nights().get(9).source()).as("PG&E has not published the last day").isEqualTo(BaselineSource.EMU2);
        assertThat(report.baseline().verdict()).contains("PG&E's intervals (the EMU-2 for the 1 night PG&E has not published)");
    }

    @Test
    void aSolarHouseIsMeasuredOnWhatItDrawsAtNight() {
        Report report = report(7, BaselineSource.PGE, null, (store, scope) ->
                new KnownHouse(house(t -> 300, 4000)).pge(store, scope.start(), scope.end(), 900));
        assertThat(report.nights()).hasSize(7).allSatisfy(n -> assertThat(n.watts()).isCloseTo(350, within(0.5)));
    }

    @Test
    void theDaylightSavingNightsAreMeasuredLikeAnyOther() {
        for (LocalDate night : new LocalDate[]{LocalDate.of(2026, 3, 8), LocalDate.of(2026, 11, 1)}) {
            ReportScope scope = new ReportScope(night.minusDays(1), night.plusDays(1), ZONE);
            Report emu2 = calculate("dst-emu2-" + night, scope, null, store ->
                    new KnownHouse(house(180)).demand(store, scope.start(), scope.end(), 10));
            Report pge = calculate("dst-pge-" + night, scope, null, store ->
                    new KnownHouse(house(180)).pge(store, scope.start(), scope.end(), 3600));
            for (Report r : new Report[]{emu2, pge}) {
                assertThat(r.nights()).as(night.toString()).hasSize(3)
                        .allSatisfy(n -> assertThat(n.watts()).isCloseTo(230, within(0.5)));
            }
        }
    }

    @Test
    void aLastingStepOfEightyWattsIsFoundWithItsNight() {
        LocalDate stepNight = FIRST.plusDays(10);
        long stepAt = stepNight.atStartOfDay(ZONE).toEpochSecond();
        Report report = report(20, BaselineSource.AUTO, null, (store, scope) ->
                new KnownHouse(house(t -> t < stepAt ? 180 : 260, 0)).pge(store, scope.start(), scope.end(), 3600));
        Report.Step step = report.baseline().step();
        assertThat(step).isNotNull();
        assertThat(step.fromNight()).isEqualTo(stepNight);
        assertThat(step.beforeWatts()).isCloseTo(230, within(0.5));
        assertThat(step.changeWatts()).isCloseTo(80, within(1.0));
        assertThat(report.baseline().verdict()).contains("From the night of November 12, 2026 it rose from 230 W to 310 W (+80 W)");
    }

    @Test
    void oneOddNightIsNotAStep() {
        long oddFrom = FIRST.plusDays(6).atStartOfDay(ZONE).toEpochSecond();
        Report report = report(14, BaselineSource.AUTO, null, (store, scope) ->
                new KnownHouse(house(t -> t >= oddFrom && t < oddFrom + 6 * 3600 ? 580 : 180, 0))
                        .pge(store, scope.start(), scope.end(), 3600));
        assertThat(report.nights().get(6).watts()).isCloseTo(630, within(0.5));
        assertThat(report.baseline().step()).isNull();
        assertThat(report.baseline().medianWatts()).isCloseTo(230, within(0.5));
    }

    @Test
    void aGapCannotFakeALowNight() {
        // 02:00 to 02:50 missing every night: counted as nothing drawn, that hour would read about 75 W
        ScopedWriter gapped = (store, scope) -> new KnownHouse(house(400)).missing(t -> {
            LocalTime local = Instant.ofEpochSecond(t).atZone(ZONE).toLocalTime();
            return local.getHour() == 2 && local.getMinute() < 50;
        }).demand(store, scope.start(), scope.end(), 10).pge(store, scope.start(), scope.end(), 900);
        for (BaselineSource source : new BaselineSource[]{BaselineSource.EMU2, BaselineSource.PGE}) {
            assertThat(report(5, source, null, gapped).nights()).as(source.id()).hasSize(5)
                    .allSatisfy(n -> assertThat(n.watts()).isCloseTo(450, within(0.5)));
        }
    }

    @Test
    void costsComeFromTheEmu2PriceElseTheConfiguredTariff() {
        Report.Tariff tariff = Report.Tariff.configured(new BigDecimal("0.30"), "USD");
        Report configured = report(3, BaselineSource.AUTO, tariff, (store, scope) ->
                new KnownHouse(house(180)).demand(store, scope.start(), scope.end(), 10));
        // 100 W × 8760 h = 876 kWh, at 0.30 USD: 262.80 USD
        assertThat(configured.baseline().costPer100WattsPerYear()).isCloseTo(262.8, within(0.001));
        assertThat(configured.baseline().tariff().source()).isEqualTo("config");
        assertThat(configured.baseline().verdict()).contains("costs about 263 USD a year at 0.30 USD/kWh (the configured tariff)");

        Report priced = report(3, BaselineSource.AUTO, tariff, (store, scope) -> {
            new KnownHouse(house(180)).demand(store, scope.start(), scope.end(), 10);
            store.append(new PriceReading(KnownHouse.DEVICE, KnownHouse.METER, scope.start(), "USD", new BigDecimal("0.41"), 1));
        });
        assertThat(priced.baseline().tariff().source()).isEqualTo("emu2");
        assertThat(priced.baseline().costPerYear()).isCloseTo(0.230 * 8760 * 0.41, within(0.01));
    }

    @Test
    void askingForASourceWithoutDataSaysWhatToTry() {
        Report report = report(3, BaselineSource.EMU2, null, (store, scope) ->
                new KnownHouse(house(500)).pge(store, scope.start(), scope.end(), 3600));
        assertThat(report.baseline().nights()).isZero();
        assertThat(report.baseline().verdict()).contains("try --source pge");
    }

    @Test
    void theJsonReportCarriesTheAnswer() throws Exception {
        Report report = report(3, BaselineSource.AUTO, null, (store, scope) ->
                new KnownHouse(house(500)).pge(store, scope.start(), scope.end(), 3600));
        StringWriter json = new StringWriter();
        JsonReport.write(report, json);
        JsonNode baseline = new ObjectMapper().readTree(json.toString()).get("baseline");
        assertThat(baseline.get("medianWatts").asDouble()).isCloseTo(550, within(0.5));
        assertThat(baseline.get("nights").asInt()).isEqualTo(3);
        assertThat(baseline.get("source").asText()).isEqualTo("pge");
        assertThat(baseline.get("verdict").asText()).startsWith("The house's always-on load is 550 W");
        assertThat(baseline.get("references")).hasSize(2);
        assertThat(baseline.get("references").get(0).get("watts").asDouble()).isEqualTo(164);
        assertThat(baseline.get("references").get(0).get("source").asText()).startsWith("NRDC");
    }

    interface ScopedWriter {
        void write(Store store, ReportScope scope);
    }

    private static final Path KEPT = Path.of("target", "known-houses");
    private int stores;
    private String testName;

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
    }

    private Report report(int nights, BaselineSource source, Report.Tariff tariff, ScopedWriter writer) {
        ReportScope scope = new ReportScope(FIRST, FIRST.plusDays(nights - 1), ZONE, null, null, source);
        return calculate("house-" + stores++, scope, tariff, store -> writer.write(store, scope));
    }

    /** Each house's text report is kept in {@code target/known-houses/} for a person to read. */
    private Report calculate(String name, ReportScope scope, Report.Tariff tariff, Consumer<Store> writer) {
        Report report;
        try (Store store = Store.open(dir.resolve(name + ".db"))) {
            writer.accept(store);
            report = new ReportCalculator(store).calculate(scope, tariff);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Files.createDirectories(KEPT).resolve(testName + "-" + name + ".txt")))) {
            TextReport.write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }
}
