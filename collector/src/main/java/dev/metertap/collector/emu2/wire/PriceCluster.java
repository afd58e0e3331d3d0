package dev.metertap.collector.emu2.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The current price: {@code price} with {@code trailingDigits} implied decimals, per kWh;
 * {@code 0xffffffff} means no price. StartTime and Duration are EMU-2 extras.
 */
public record PriceCluster(MacId device, MacId meter, Emu2Time timeStamp, long price, CurrencyCode currency,
                           int trailingDigits, int tier, Optional<Emu2Time> startTime, Optional<Duration> duration,
                           Optional<String> label) implements Emu2Message {

    public static final long NO_PRICE = 0xffff_ffffL;

    /** The price per kWh, absent when the device sent the sentinel. */
    public Optional<BigDecimal> pricePerKwh() {
        return price == NO_PRICE ? Optional.empty() : Optional.of(BigDecimal.valueOf(price, trailingDigits));
    }

    @Override
    public String rootName() {
        return "PriceCluster";
    }

    @Override
    public Optional<MacId> meterMacId() {
        return Optional.of(meter);
    }

    @Override
    public Optional<MacId> deviceMacId() {
        return Optional.of(device);
    }
}
