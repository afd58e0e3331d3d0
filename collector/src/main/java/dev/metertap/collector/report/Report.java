package dev.metertap.collector.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Every figure of {@code metertap report}, computed once and rendered as text, HTML or JSON.
 * Energies are kWh, demands W (baseline) or kW (loads), NaN or null where the data does not say.
 */
public record Report(ReportScope scope, Price price, List<DayEnergy> days, List<NightBaseline> nights,
                     Baseline baseline, List<HourOfDay> hourOfDay, List<SustainedLoad> sustainedLoads,
                     List<HourComparison> hours, List<DayComparison> dayComparisons) {

    /** Whether the EMU-2's counter gave a day's energy: the renderings show EMU-2 energy only then. */
    public boolean hasEmu2Energy() {
        return days.stream().anyMatch(d -> !Double.isNaN(d.emu2DeliveredKwh()));
    }

    /** Whether PG&E sent intervals for a day of the period: the renderings show PG&E energy only then. */
    public boolean hasPgeEnergy() {
        return days.stream().anyMatch(d -> !Double.isNaN(d.pgeDeliveredKwh()));
    }

    /** Whether the EMU-2 gave demand: the hour-of-day figures and sustained loads need it. */
    public boolean hasDemand() {
        return hourOfDay.stream().anyMatch(h -> !Double.isNaN(h.averageKw()));
    }

    /** Whether both sources have data, so that EMU-2 is compared with PG&E ({@link #hours} is empty otherwise). */
    public boolean comparesSources() {
        return !hours.isEmpty();
    }

    /** The EMU-2's latest stored price, or null (no cost figures from EMU-2 data then). */
    public record Price(BigDecimal perKwh, String currency) {
    }

    /**
     * One local day's energy: EMU-2 from the summation delta between the day's boundaries (NaN when the
     * counter was not read near one of them), PG&E from its intervals (NaN when it sent none); cost at
     * the EMU-2 price and PG&E's own cost, NaN when unknown.
     */
    public record DayEnergy(LocalDate day, double emu2DeliveredKwh, double emu2ReceivedKwh, double emu2Cost,
                            double pgeDeliveredKwh, double pgeReceivedKwh, boolean pgeComplete, double pgeCost) {
    }

    /**
     * A night's always-on floor: the lowest one-hour mean demand between 00:00 and 06:00, when that hour began,
     * the source it was measured on, and each source's own figure for the night (NaN where it has none).
     */
    public record NightBaseline(LocalDate day, double watts, LocalTime from, BaselineSource source, double emu2Watts,
                                double pgeWatts) {

        /** A night runs from local midnight to this time: from then on its figure can be known. */
        public static final LocalTime NIGHT_END = LocalTime.of(6, 0);
    }

    /**
     * The always-on load over the period: the median of the nightly floors on {@code source} (the one preferred;
     * each night says its own), its spread, how it changed, what it costs, the published figures it is compared
     * with, and the {@code verdict}: the answer in words. NaN or null where the data does not say.
     *
     * @param trend         null with fewer than {@link BaselineChange#MIN_TREND_NIGHTS} nights
     * @param step          a lasting step in the nightly figure, or null
     * @param sharePercent  the always-on load's share of the energy drawn from the grid on the days both are known
     * @param tariff        the price used for the costs, or null when none is known
     */
    public record Baseline(int nights, double medianWatts, double minWatts, double maxWatts, BaselineSource source,
                           Trend trend, Step step, double kwhPerYear, double sharePercent, Tariff tariff,
                           double costPerYear, double costPer100WattsPerYear, List<Reference> references, String verdict) {
    }

    /** Least-squares slope of the nightly figure in W per 30 days, with its 95 % uncertainty (± that many W). */
    public record Trend(int nights, double wattsPer30Days, double uncertaintyWattsPer30Days) {
    }

    /** The nightly figure moved from {@code beforeWatts} to {@code afterWatts} (medians) from the night of {@code fromNight} on. */
    public record Step(LocalDate fromNight, double beforeWatts, double afterWatts, double changeWatts) {
    }

    /** A price per kWh and where it comes from: {@code emu2} (the meter's latest price), {@code pge} (PG&E's cost per kWh over the period) or {@code config}. */
    public record Tariff(BigDecimal perKwh, String currency, String source) {

        /** The user's price from the configuration, used when neither the EMU-2 nor PG&amp;E says what energy costs. */
        public static Tariff configured(BigDecimal perKwh, String currency) {
            return new Tariff(perKwh, currency, "config");
        }
    }

    /** A published always-on figure to compare with, and the study it comes from. */
    public record Reference(String name, double watts, String source) {
    }

    /** Average demand in one local hour of the day (0 to 23) over the period, NaN without data. */
    public record HourOfDay(int hour, double averageKw) {
    }

    /** A run of at least ten minutes well above that day's baseline: its start, length and mean power above the baseline. */
    public record SustainedLoad(ZonedDateTime start, int minutes, double kwAboveBaseline, double kwhAboveBaseline) {
    }

    /**
     * One hour, EMU-2 versus PG&E. {@code gap} marks an hour whose EMU-2 data had a gap (its difference
     * is not counted); the difference is NaN then, or when PG&E's hour is incomplete.
     */
    public record HourComparison(Instant start, double emu2Kwh, double pgeKwh, boolean gap, double differenceKwh,
                                 double differencePercent) {
    }

    /** One day, EMU-2 versus PG&E, summed over the hours both cover (gap hours left out and counted). */
    public record DayComparison(LocalDate day, int comparedHours, int gapHours, double emu2Kwh, double pgeKwh,
                                double differenceKwh, double differencePercent) {
    }
}
