package dev.metertap.collector.emu2.wire;

import java.math.BigDecimal;
import java.util.Optional;

/** Demand now; {@code demand} is signed 32-bit (negative while exporting). */
public record InstantaneousDemand(MacId device, MacId meter, Emu2Time timeStamp, int demand, Scale scale,
                                  Optional<DisplayFormat> format) implements Emu2Message {

    public BigDecimal kilowatts() {
        return scale.apply(demand);
    }

    @Override
    public String rootName() {
        return "InstantaneousDemand";
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
