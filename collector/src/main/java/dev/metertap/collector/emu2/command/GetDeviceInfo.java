package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.DeviceInfo;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code get_device_info}: Asks the device about itself. */
public record GetDeviceInfo() implements Emu2Command<DeviceInfo> {

    @Override
    public String name() {
        return "get_device_info";
    }

    @Override
    public Class<DeviceInfo> replyType() {
        return DeviceInfo.class;
    }

    @Override
    public Optional<MacId> meter() {
        return Optional.empty();
    }

    @Override
    public List<Param> parameters() {
        return List.of();
    }
}
