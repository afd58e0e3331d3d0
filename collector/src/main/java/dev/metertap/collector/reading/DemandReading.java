package dev.metertap.collector.reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Instantaneous demand in kW; negative while the house exports (solar). */
public record DemandReading(String device, String meter, Instant time, BigDecimal kw) implements Reading {

    public static final String MEASUREMENT = "emu2_demand";

    public DemandReading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kw, "kw");
    }

    @Override
    public Point toPoint() {
        return new Point(MEASUREMENT, Tag.deviceAndMeter(device, meter), List.of(Field.decimal("kw", kw)), time);
    }
}
