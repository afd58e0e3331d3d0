package dev.metertap.collector.emu2.wire;

import java.math.BigDecimal;
import java.util.Optional;

/** Energy used since the current billing period started. */
public record CurrentPeriodUsage(MacId device, MacId meter, Emu2Time timeStamp, long currentUsage, Scale scale,
                                 Optional<DisplayFormat> format, Emu2Time startDate) implements Emu2Message {

    public BigDecimal usageKwh() {
        return scale.applyUnsigned(currentUsage);
    }

    @Override
    public String rootName() {
        return "CurrentPeriodUsage";
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
