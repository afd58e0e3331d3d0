package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.MeterInfo;

import java.util.Optional;

/** {@code get_meter_info}: Asks about one meter. */
public record GetMeterInfo(Optional<MacId> meter) implements Emu2Command<MeterInfo> {

    /** For the only meter (or the device's default). */
    public GetMeterInfo() {
        this(Optional.empty());
    }

    @Override
    public String name() {
        return "get_meter_info";
    }

    @Override
    public Class<MeterInfo> replyType() {
        return MeterInfo.class;
    }
}
