package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MeterList;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

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

    @Override
    public Optional<MacId> meter() {
        return Optional.empty();
    }

    @Override
    public List<Param> parameters() {
        return List.of();
    }
}
