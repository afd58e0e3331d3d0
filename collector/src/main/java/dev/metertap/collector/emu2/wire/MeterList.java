package dev.metertap.collector.emu2.wire;

import java.util.List;
import java.util.Optional;

/** The meters the display is paired with. */
public record MeterList(MacId device, List<MacId> meters) implements Emu2Message {

    public MeterList {
        meters = List.copyOf(meters);
    }

    @Override
    public String rootName() {
        return "MeterList";
    }

    @Override
    public Optional<MacId> deviceMacId() {
        return Optional.of(device);
    }
}
