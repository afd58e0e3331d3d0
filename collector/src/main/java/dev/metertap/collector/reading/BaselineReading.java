package dev.metertap.collector.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One night's always-on load as the report measures it (the lowest whole-hour mean demand between 00:00 and
 * 06:00 local), stored as a series of its own so that Grafana, a Home Assistant sensor and the report show the
 * same number. Timed at the night's local midnight.
 *
 * <p>The source is a field, not a tag: a night has one point whatever it was measured on, so a night measured
 * again (PG&amp;E's data came, or a correction) replaces its point instead of adding a second series.
 *
 * @param watts  rounded to 0.1 W
 * @param source where the night was measured: {@code emu2} or {@code pge}
 */
public record BaselineReading(Instant night, BigDecimal watts, String source) implements Reading {

    public static final String MEASUREMENT = "baseline_night";
    private static final Set<String> SOURCES = Set.of("emu2", "pge");

    public BaselineReading {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(watts, "watts");
        Objects.requireNonNull(source, "source");
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("a night's baseline is measured on emu2 or pge, not '" + source + "'");
        }
        watts = watts.setScale(1, RoundingMode.HALF_EVEN);
    }

    /** {@code watts} rounded to the series' 0.1 W. */
    public static BaselineReading of(Instant night, double watts, String source) {
        if (!Double.isFinite(watts)) {
            throw new IllegalArgumentException("a night's baseline must be a number of watts, was " + watts);
        }
        return new BaselineReading(night, BigDecimal.valueOf(watts), source);
    }

    @Override
    public Instant time() {
        return night;
    }

    @Override
    public Point toPoint() {
        return new Point(MEASUREMENT, List.of(), List.of(Field.decimal("watts", watts), Field.string("source", source)), night);
    }
}
