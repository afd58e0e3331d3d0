package dev.metertap.collector.emu2.wire;

import java.util.List;
import java.util.Optional;

/** Block (tiered by consumption) prices, an EMU-2 extra: thresholds and prices as raw integers. */
public record BlockPriceDetail(MacId device, MacId meter, Emu2Time timeStamp, int numberOfBlocks, Scale scale,
                               CurrencyCode currency, int trailingDigits, List<Long> thresholds, List<Long> prices)
        implements Emu2Message {

    public BlockPriceDetail {
        thresholds = List.copyOf(thresholds);
        prices = List.copyOf(prices);
    }

    @Override
    public String rootName() {
        return "BlockPriceDetail";
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
