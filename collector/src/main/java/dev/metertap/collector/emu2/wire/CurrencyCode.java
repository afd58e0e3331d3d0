package dev.metertap.collector.emu2.wire;

import java.util.Currency;
import java.util.Map;
import java.util.stream.Collectors;

/** An ISO 4217 numeric currency code, as PriceCluster sends it in hex ({@code 0x0348} = 840 = USD). */
public record CurrencyCode(int numeric) {

    private static final Map<Integer, String> ALPHABETIC = Currency.getAvailableCurrencies().stream()
            .filter(currency -> currency.getNumericCode() > 0)
            .collect(Collectors.toMap(Currency::getNumericCode, Currency::getCurrencyCode, (a, b) -> a.compareTo(b) <= 0 ? a : b));

    /** The alphabetic code ({@code USD}), or the number itself when ISO 4217 has no such currency. */
    public String alphabetic() {
        return ALPHABETIC.getOrDefault(numeric, Integer.toString(numeric));
    }

    @Override
    public String toString() {
        return alphabetic();
    }
}
