package dev.metertap.collector.config;

import dev.metertap.collector.report.Report;

import java.math.BigDecimal;
import java.util.Currency;

/** {@code report.tariff:}: what a kWh costs, {@code {per-kwh: 0.31, currency: USD}}; the currency defaults to USD. */
public record TariffConfig(BigDecimal perKwh, String currency) {

    public TariffConfig {
        if (perKwh == null) {
            throw new IllegalArgumentException("'per-kwh' is required: the price of one kWh, like 0.31");
        }
        if (perKwh.signum() <= 0) {
            throw new IllegalArgumentException("'per-kwh' must be a positive price of one kWh, not " + perKwh.toPlainString());
        }
        currency = currency == null ? "USD" : currency.strip();
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'currency' must be an ISO 4217 code such as USD or EUR, not '" + currency + "'");
        }
    }

    Report.Tariff tariff() {
        return Report.Tariff.configured(perKwh, currency);
    }
}
