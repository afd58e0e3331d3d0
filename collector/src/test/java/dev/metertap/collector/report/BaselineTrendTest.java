package dev.metertap.collector.report;

import dev.metertap.collector.store.Store;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.device.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The baseline's trend and the fridge's share of it, on the simulator's household load. */
class BaselineTrendTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path dir;

    @Test
    void aBaseGrowingThreeWattsADayTrendsNinetyWattsPer30Days() {
        HouseholdLoad load = new HouseholdLoad(7, new LoadSettings(ZONE, 150, 0, false));
        Report report = reportOn(new SyntheticHouse(load, t -> 0, 3.0, 1.0, t -> false), 21);
        assertThat(report.nights()).hasSize(21);
        for (Report.NightBaseline night : report.nights()) {
            long day = night.day().toEpochDay() - LocalDate.of(2026, 3, 2).toEpochDay();
            assertThat(night.watts()).isCloseTo(150 + 3.0 * day, within(5.0));
        }
        assertThat(report.baseline().trend().wattsPer30Days()).isCloseTo(90, within(6.0));
    }

    /**
     * With appliances the simulator's fridge draws 150 W for 20 minutes of every hour: always on, so
     * part of the floor: 180 W + 150 W / 3 = 230 W. EV charges run past midnight on some nights, up to 03:30.
     */
    @Test
    void aCyclingFridgeIsPartOfTheAlwaysOnFloor() {
        HouseholdLoad load = new HouseholdLoad(11, new LoadSettings(ZONE, 180, 0, true));
        Report report = reportOn(new SyntheticHouse(load, t -> 0, 0, 1.0, t -> false), 7);
        assertThat(report.nights()).hasSize(7).allSatisfy(n -> assertThat(n.watts()).isCloseTo(230, within(5.0)));
    }

    private Report reportOn(SyntheticHouse house, int days) {
        ReportScope scope = new ReportScope(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1 + days), ZONE);
        try (Store store = Store.open(dir.resolve("house.db"))) {
            house.writeTo(store, scope.start(), scope.end(), new BigDecimal("0.25"));
            return new ReportCalculator(store).calculate(scope);
        }
    }
}
