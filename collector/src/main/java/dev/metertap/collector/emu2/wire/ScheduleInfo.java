package dev.metertap.collector.emu2.wire;

import java.time.Duration;
import java.util.Optional;

/** How often the display sends one kind of notification. */
public record ScheduleInfo(MacId device, Optional<MacId> meter, Optional<String> mode, String event,
                           Duration frequency, boolean enabled) implements Emu2Message {

    @Override
    public String rootName() {
        return "ScheduleInfo";
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
