package dev.metertap.collector.emu2.wire;

import java.util.Optional;

/** The device's clock: UTC and local wall-clock time. */
public record TimeCluster(MacId device, Optional<MacId> meter, Emu2Time utcTime, Emu2LocalTime localTime)
        implements Emu2Message {

    @Override
    public String rootName() {
        return "TimeCluster";
    }

    @Override
    public Optional<MacId> meterMacId() {
        return meter;
    }

    @Override
    public Optional<MacId> deviceMacId() {
        return Optional.of(device);
    }
}
