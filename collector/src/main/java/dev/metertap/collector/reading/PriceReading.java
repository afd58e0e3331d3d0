package dev.metertap.collector.reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The current price per kWh in {@code currency} (ISO 4217 alphabetic code), and its tier. */
public record PriceReading(String device, String meter, Instant time, String currency, BigDecimal price, int tier)
        implements Reading {

    public static final String MEASUREMENT = "emu2_price";

    public PriceReading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(price, "price");
    }

    @Override
    public Point toPoint() {
        return new Point(MEASUREMENT,
                List.of(new Tag("device", device), new Tag("meter", meter), new Tag("currency", currency)),
                List.of(Field.decimal("price", price), Field.integer("tier", tier)), time);
    }
}
