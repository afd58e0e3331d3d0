package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MeterList;

/** {@code get_meter_list}: Asks which meters the display is paired with. */
public record GetMeterList() implements Emu2Command<MeterList> {

    @Override
    public String name() {
        return "get_meter_list";
    }

    @Override
    public Class<MeterList> replyType() {
        return MeterList.class;
    }
}
