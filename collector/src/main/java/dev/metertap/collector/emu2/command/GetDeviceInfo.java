package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.DeviceInfo;

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
}
