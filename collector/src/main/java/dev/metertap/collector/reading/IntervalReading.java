package dev.metertap.collector.reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Energy used (or exported) in one utility interval, as PG&E published it.
 *
 * @param value energy in {@code unit} over the interval
 * @param cost  cost in currency units, or null when the utility sent none
 * @param tou   time-of-use code, or null when the utility sent none
 */
public record IntervalReading(String usagePoint, Commodity commodity, Flow flow, Unit unit, int intervalSeconds,
                              Instant start, BigDecimal value, int quality, BigDecimal cost, Integer tou)
        implements Reading {

    public static final String MEASUREMENT = "pge_interval";

    public enum Commodity { ELECTRICITY, GAS }

    public enum Flow { DELIVERED, RECEIVED }

    public enum Unit {
        KWH("kWh"), THERM("therm");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public IntervalReading {
        Objects.requireNonNull(usagePoint, "usagePoint");
        Objects.requireNonNull(commodity, "commodity");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(value, "value");
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("interval must be positive, was " + intervalSeconds + " s");
        }
    }

    @Override
    public Instant time() {
        return start;
    }

    @Override
    public Point toPoint() {
        List<Field> fields = new ArrayList<>(4);
        fields.add(Field.decimal("value", value));
        fields.add(Field.integer("quality", quality));
        if (cost != null) {
            fields.add(Field.decimal("cost", cost));
        }
        if (tou != null) {
            fields.add(Field.integer("tou", tou));
        }
        return new Point(MEASUREMENT, List.of(
                new Tag("usage_point", usagePoint),
                new Tag("commodity", commodity.name().toLowerCase(Locale.ROOT)),
                new Tag("flow", flow.name().toLowerCase(Locale.ROOT)),
                new Tag("unit", unit.symbol()),
                new Tag("interval_s", Integer.toString(intervalSeconds))), fields, start);
    }
}
