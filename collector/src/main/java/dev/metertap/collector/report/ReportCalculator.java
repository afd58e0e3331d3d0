package dev.metertap.collector.report;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes a {@link Report} from the store in four streaming scans (demand, summation, PG&E
 * intervals, price), bucketing as the points go by: memory depends on the period's length, never
 * on how many readings it holds.
 */
public final class ReportCalculator {

    private static final Logger log = LoggerFactory.getLogger(ReportCalculator.class);
    static final int SUSTAINED_LOADS = 10;

    private final Store store;

    public ReportCalculator(Store store) {
        this.store = store;
    }

    public Report calculate(ReportScope scope) {
        return calculate(scope, null);
    }

    /** Each night's always-on load over the scope, as the report measures it. */
    public List<Report.NightBaseline> nights(ReportScope scope) {
        return calculate(scope).nights();
    }

    /** @param tariff the configured price, used when neither the EMU-2 nor PG&E says one; may be null */
    public Report calculate(ReportScope scope, Report.Tariff tariff) {
        Instant start = scope.start();
        Instant end = scope.end();
        int hours = scope.hours();

        DemandMinutes minutes = new DemandMinutes(start, end);
        store.scan(query(DemandReading.MEASUREMENT, meterTags(scope), start.minusSeconds(DemandMinutes.HOLD_SECONDS), end),
                point -> minutes.add(point.time(), decimal(point, "kw").doubleValue()));
        minutes.finish();

        CounterMinutes counter = new CounterMinutes(start, end);
        MeterHours meter = new MeterHours(start, hours, minutes);
        Duration bracket = Duration.ofSeconds(MeterHours.MAX_BRACKET_SECONDS);
        Set<String> meters = new TreeSet<>();
        store.scan(query(SummationReading.MEASUREMENT, meterTags(scope), start.minus(bracket), end.plus(bracket)), point -> {
            meters.add(tag(point, "meter"));
            double delivered = decimal(point, "delivered_kwh").doubleValue();
            meter.add(point.time(), delivered, decimal(point, "received_kwh").doubleValue());
            counter.add(point.time(), delivered);
        });
        if (meters.size() > 1) {
            // two meters' running totals interleaved would read as jumps back and forth
            throw new IllegalArgumentException("the store holds readings of several meters " + meters + ": pick one with --meter");
        }

        UtilityHours utility = new UtilityHours(start, hours);
        MinuteEnergy utilityMinutes = new MinuteEnergy(start, end);
        double[] costedKwhAndCost = new double[2];
        Map<String, String> pgeTags = new HashMap<>(Map.of("commodity", "electricity"));
        if (scope.usagePoint() != null) {
            pgeTags.put("usage_point", scope.usagePoint());
        }
        store.scan(query(IntervalReading.MEASUREMENT, pgeTags, start, end), point -> {
            BigDecimal cost = optionalDecimal(point, "cost");
            int seconds = Integer.parseInt(tag(point, "interval_s"));
            boolean delivered = "delivered".equals(tag(point, "flow"));
            double kwh = decimal(point, "value").doubleValue();
            utility.add(point.time(), seconds, delivered, kwh, cost == null ? null : cost.doubleValue());
            if (delivered) {
                // a solar house's always-on load is measured on what it draws at night, never net of export
                utilityMinutes.addEnergy(point.epochSecond(), point.epochSecond() + seconds, kwh);
                if (cost != null) {
                    costedKwhAndCost[0] += kwh;
                    costedKwhAndCost[1] += cost.doubleValue();
                }
            }
        });

        PriceHistory prices = new PriceHistory();
        store.scan(query(PriceReading.MEASUREMENT, meterTags(scope), start.minus(Duration.ofDays(7)), end),
                point -> prices.add(point.time(), decimal(point, "price"), tag(point, "currency")));

        BaselineFinder.Measured measured = BaselineFinder.nights(scope, minutes, counter, utilityMinutes);
        List<Report.NightBaseline> nights = measured.nights();
        List<Report.DayEnergy> days = EnergyComparison.days(scope, meter, utility, prices);
        Report.Baseline baseline = BaselineSummary.of(nights, scope, measured.source(), days,
                tariff(prices, costedKwhAndCost[0], costedKwhAndCost[1], tariff));
        Map<LocalDate, Double> floors = new LinkedHashMap<>();
        nights.forEach(n -> floors.put(n.day(), n.watts() / 1000));
        double fallbackFloor = Double.isNaN(baseline.medianWatts()) ? 0 : baseline.medianWatts() / 1000;
        List<Report.SustainedLoad> loads = SustainedLoadFinder.largest(minutes, scope, floors, fallbackFloor, SUSTAINED_LOADS);

        List<Report.HourComparison> hourComparisons = EnergyComparison.hours(meter, utility, start, hours);
        Report report = new Report(scope,
                prices.latest() == null ? null : new Report.Price(prices.latest(), prices.currency()),
                days, nights, baseline, hourOfDay(minutes, scope, hours), loads,
                hourComparisons, EnergyComparison.dayComparisons(scope, hourComparisons));
        log.debug("report for {} to {}: {} nights, {} sustained loads", scope.firstDay(), scope.lastDay(), nights.size(), loads.size());
        return report;
    }

    /** The price costs are figured at: the EMU-2's latest, else PG&E's cost per delivered kWh, else the configured one. */
    private static Report.Tariff tariff(PriceHistory prices, double costedKwh, double cost, Report.Tariff configured) {
        if (prices.latest() != null) {
            return new Report.Tariff(prices.latest(), prices.currency(), "emu2");
        }
        if (costedKwh > 0 && cost > 0) {
            return new Report.Tariff(BaselineSummary.averagePrice(cost, costedKwh), "USD", "pge");
        }
        return configured;
    }

    private static List<Report.HourOfDay> hourOfDay(DemandMinutes minutes, ReportScope scope, int hours) {
        double[] kwSeconds = new double[24];
        long[] covered = new long[24];
        for (int h = 0; h < hours; h++) {
            int local = Instant.ofEpochSecond(minutes.startSecond() + 3600L * h).atZone(scope.zone()).getHour();
            for (int m = 60 * h; m < 60 * h + 60; m++) {
                kwSeconds[local] += minutes.kwSeconds(m);
                covered[local] += minutes.coveredSeconds(m);
            }
        }
        List<Report.HourOfDay> result = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            result.add(new Report.HourOfDay(h, covered[h] == 0 ? Double.NaN : kwSeconds[h] / covered[h]));
        }
        return result;
    }

    private static Map<String, String> meterTags(ReportScope scope) {
        return scope.meter() == null ? Map.of() : Map.of("meter", scope.meter());
    }

    private static PointQuery query(String measurement, Map<String, String> tags, Instant from, Instant to) {
        return new PointQuery(measurement, tags, from, to);
    }

    private static BigDecimal decimal(Point point, String key) {
        BigDecimal value = optionalDecimal(point, key);
        if (value == null) {
            throw new IllegalStateException("stored " + point.measurement() + " point at " + point.time() + " has no field " + key);
        }
        return value;
    }

    private static BigDecimal optionalDecimal(Point point, String key) {
        for (Field field : point.fields()) {
            if (field.key().equals(key)) {
                return field.value() instanceof BigDecimal d ? d : new BigDecimal(field.value().toString());
            }
        }
        return null;
    }

    private static String tag(Point point, String key) {
        return point.tags().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("stored " + point.measurement() + " point has no tag " + key))
                .value();
    }
}
