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
    }

    /**
     * The baseline over the period: the median of the nightly floors, its least-squares trend in W per
     * 30 days (NaN with fewer than two nights), and its yearly energy and cost.
     */
    public record Baseline(int nights, double medianWatts, double minWatts, double maxWatts, double trendWattsPer30Days,
                           double kwhPerYear, double costPerYear) {
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
