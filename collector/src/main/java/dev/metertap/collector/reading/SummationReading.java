package dev.metertap.collector.reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The meter's running totals in kWh: delivered to the house and received from it (export). */
public record SummationReading(String device, String meter, Instant time, BigDecimal deliveredKwh, BigDecimal receivedKwh)
        implements Reading {

    public static final String MEASUREMENT = "emu2_summation";

    public SummationReading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(deliveredKwh, "deliveredKwh");
        Objects.requireNonNull(receivedKwh, "receivedKwh");
    }

    @Override
    public Point toPoint() {
        return new Point(MEASUREMENT, Tag.deviceAndMeter(device, meter),
                List.of(Field.decimal("delivered_kwh", deliveredKwh), Field.decimal("received_kwh", receivedKwh)), time);
    }
}
