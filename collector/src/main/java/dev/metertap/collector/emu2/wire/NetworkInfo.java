package dev.metertap.collector.emu2.wire;

import java.util.Optional;

/** The display's network: coordinator, status, channel; StatusCode is absent on a real EMU-2. */
public record NetworkInfo(MacId device, Optional<MacId> coordinator, String status, Optional<String> description,
                          Optional<Integer> statusCode, Optional<MacId> extPanId, Optional<Integer> channel,
                          Optional<Integer> shortAddr, int linkStrength) implements Emu2Message {

    @Override
    public String rootName() {
        return "NetworkInfo";
    }

    @Override
    public Optional<MacId> deviceMacId() {
        return Optional.of(device);
    }
}
