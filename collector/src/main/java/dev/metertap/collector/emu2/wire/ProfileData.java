package dev.metertap.collector.emu2.wire;

import java.util.List;
import java.util.Optional;

/** Interval history from the meter: raw interval values, newest first. */
public record ProfileData(MacId device, MacId meter, Emu2Time endTime, int status, int profileIntervalPeriod,
                          int numberOfPeriodsDelivered, List<Long> intervalData) implements Emu2Message {

    public ProfileData {
        intervalData = List.copyOf(intervalData);
    }

    @Override
    public String rootName() {
        return "ProfileData";
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
