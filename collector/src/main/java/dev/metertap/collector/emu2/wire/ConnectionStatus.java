package dev.metertap.collector.emu2.wire;

import java.util.Optional;

/** The ZigBee link to the meter: {@code Connected}, {@code Rejoining}…, and its strength 0–100. */
public record ConnectionStatus(MacId device, Optional<MacId> meter, String status, Optional<String> description,
                               Optional<Integer> statusCode, Optional<MacId> extPanId, Optional<Integer> channel,
                               Optional<Integer> shortAddr, int linkStrength) implements Emu2Message {

    public boolean isConnected() {
        return status.equalsIgnoreCase("Connected");
    }

    @Override
    public String rootName() {
        return "ConnectionStatus";
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
