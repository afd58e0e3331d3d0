package dev.metertap.collector.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.store.Store;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.device.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report shows what the data holds: a PG&E-only house (no EMU-2) and an EMU-2-only house (no PG&E), three
 * days each of a 200 W base, and JSON figures written to their unit's resolution, not a double's noise.
 */
class ReportSourcesTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final ReportScope SCOPE = new ReportScope(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 3), ZONE);

    @TempDir
    Path dir;

    @Test
    void pgeOnlyGivesBaselineAndDailyEnergyWithoutEmu2Lines() {
        SyntheticHouse house = house().pgeOnly();
        Report report = calculate(house, "pge.db");
        assertThat(report.hasPgeEnergy()).isTrue();
        assertThat(report.hasEmu2Energy()).isFalse();
        assertThat(report.hasDemand()).isFalse();
        assertThat(report.comparesSources()).isFalse();
        assertThat(report.hours()).isEmpty();
        assertThat(report.dayComparisons()).isEmpty();
        assertThat(report.baseline().nights()).isEqualTo(3);
        String text = text(report);
        assertThat(text).contains("Always-on load", "Daily energy (kWh)", "PG&E in")
                .doesNotContain("gap", "EMU-2 in", "EMU-2 versus PG&E", "hour of day", "sustained");
        String html = html(report);
        assertThat(html).contains("data-chart=\"baseline\"", "data-chart=\"daily-energy\"", "<th>PG&amp;E kWh</th>")
                .doesNotContain("EMU-2 kWh", "EMU-2 versus", "data-chart=\"hour-of-day\"", "class=\"gap\"", "<th>Gaps</th>");
    }

    @Test
    void emu2OnlyGivesNoPgeRows() {
        Report report = calculate(house().emu2Only(), "emu2.db");
        assertThat(report.hasEmu2Energy()).isTrue();
        assertThat(report.hasPgeEnergy()).isFalse();
        assertThat(report.comparesSources()).isFalse();
        assertThat(report.hours()).isEmpty();
        String text = text(report);
        assertThat(text).contains("EMU-2 in", "Average demand by hour of day")
                .doesNotContain("PG&E in", "PG&E cost", "EMU-2 versus PG&E", "gap hours");
        assertThat(html(report)).contains("data-chart=\"hour-of-day\"", "<th>EMU-2 kWh</th>")
                .doesNotContain("PG&amp;E kWh", "EMU-2 versus", "data-chart=\"daily-difference\"");
    }

    @Test
    void jsonCarriesTheDataPrecisionOfPgeSums() throws Exception {
        SyntheticHouse house = house().pgeOnly();
        Report report = calculate(house, "precision.db");
        // the precondition: summing the 6-decimal intervals as doubles leaves noise in some day
        assertThat(report.days()).anySatisfy(d -> assertThat(BigDecimal.valueOf(d.pgeDeliveredKwh()).scale()).isGreaterThan(6));
        StringWriter out = new StringWriter();
        JsonReport.write(report, out);
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(out.toString());
        for (int d = 0; d < 3; d++) {
            BigDecimal exact = house.pgeExactAtHour.subList(24 * d, 24 * d + 24).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(json.at("/days/" + d + "/pgeDeliveredKwh").decimalValue()).as("day %d", d).isEqualByComparingTo(exact);
        }
        assertThat(json.at("/baseline/medianWatts").decimalValue().scale()).isLessThanOrEqualTo(1);
        Matcher number = Pattern.compile("\"(\\w+)\" : (-?\\d+\\.(\\d+))").matcher(out.toString());
        while (number.find()) {
            assertThat(number.group(3).length()).as("%s = %s", number.group(1), number.group(2))
                    .isLessThanOrEqualTo(JsonReport.decimals(number.group(1)));
        }
    }

    @Test
    void everyFigureOfTheReportNamesItsUnit() {
        List<String> unnamed = new ArrayList<>();
        figures(Report.class, new HashSet<>(), unnamed);
        assertThat(unnamed).as("figures whose name says no unit (JsonReport.decimals)").isEmpty();
    }

    private static void figures(Class<?> type, Set<Class<?>> seen, List<String> unnamed) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() == double.class || c.getType() == Double.class) {
                if (JsonReport.decimals(c.getName()) < 0) {
                    unnamed.add(type.getSimpleName() + "." + c.getName());
                }
            }
            figures(c.getType(), seen, unnamed);
            Type generic = c.getGenericType();
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> element) {
                figures(element, seen, unnamed);
            }
        }
    }

    private static SyntheticHouse house() {
        return new SyntheticHouse(new HouseholdLoad(7, new LoadSettings(ZONE, 200, 0, false)), t -> 0, 0, 0.99, t -> false);
    }

    private Report calculate(SyntheticHouse house, String name) {
        try (Store store = Store.open(dir.resolve(name))) {
            house.writeTo(store, SCOPE.start(), SCOPE.end(), new BigDecimal("0.30"));
            return new ReportCalculator(store).calculate(SCOPE);
        }
    }

    private static String text(Report report) {
        StringWriter out = new StringWriter();
        TextReport.write(report, new PrintWriter(out));
        return out.toString();
    }

    private static String html(Report report) {
        StringWriter out = new StringWriter();
        HtmlReport.write(report, new PrintWriter(out));
        return out.toString();
    }
}
