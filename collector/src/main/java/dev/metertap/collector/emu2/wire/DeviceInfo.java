package dev.metertap.collector.emu2.wire;

import java.util.Optional;

/** What the display says about itself; a DateCode of 0xFF bytes is absent. */
public record DeviceInfo(MacId device, Optional<String> installCode, Optional<String> linkKey, String firmwareVersion,
                         String hardwareVersion, Optional<String> imageType, String manufacturer, String modelId,
                         Optional<String> dateCode) implements Emu2Message {

    @Override
    public String rootName() {
        return "DeviceInfo";
    }

    @Override
    public Optional<MacId> deviceMacId() {
        return Optional.of(device);
    }
}
