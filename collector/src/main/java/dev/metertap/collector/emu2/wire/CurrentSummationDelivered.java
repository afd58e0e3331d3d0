package dev.metertap.collector.emu2.wire;

import java.math.BigDecimal;
import java.util.Optional;

/** The meter's registers: energy delivered to and received from the house, unsigned 64-bit. */
public record CurrentSummationDelivered(MacId device, MacId meter, Emu2Time timeStamp, long summationDelivered,
                                        long summationReceived, Scale scale, Optional<DisplayFormat> format)
        implements Emu2Message {

    public BigDecimal deliveredKwh() {
        return scale.applyUnsigned(summationDelivered);
    }

    public BigDecimal receivedKwh() {
        return scale.applyUnsigned(summationReceived);
    }

    @Override
    public String rootName() {
        return "CurrentSummationDelivered";
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
