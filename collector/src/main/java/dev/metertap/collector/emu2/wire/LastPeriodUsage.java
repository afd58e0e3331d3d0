package dev.metertap.collector.emu2.wire;

import java.math.BigDecimal;
import java.util.Optional;

/** Energy used in the last closed period (this message has no TimeStamp). */
public record LastPeriodUsage(MacId device, MacId meter, long lastUsage, Scale scale, Optional<DisplayFormat> format,
                              Emu2Time startDate, Emu2Time endDate) implements Emu2Message {

    public BigDecimal usageKwh() {
        return scale.applyUnsigned(lastUsage);
    }

    @Override
    public String rootName() {
        return "LastPeriodUsage";
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
