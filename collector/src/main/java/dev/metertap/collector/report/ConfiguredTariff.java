package dev.metertap.collector.report;

import java.math.BigDecimal;
import java.util.Objects;

/** The user's price per kWh from the configuration, used when neither the EMU-2 nor PG&amp;E says what energy costs. */
public record ConfiguredTariff(BigDecimal perKwh, String currency) {

    public ConfiguredTariff {
        Objects.requireNonNull(perKwh, "perKwh");
        Objects.requireNonNull(currency, "currency");
        if (perKwh.signum() <= 0) {
            throw new IllegalArgumentException("a tariff must be a positive price per kWh, was " + perKwh.toPlainString());
        }
    }
}
