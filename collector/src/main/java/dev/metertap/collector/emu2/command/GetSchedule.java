package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.ScheduleInfo;

import java.util.List;
import java.util.Optional;

/** {@code get_schedule}: Asks how often a notification is sent (one ScheduleInfo per event when none is named; the first is the reply). */
public record GetSchedule(Optional<MacId> meter, Optional<String> event) implements Emu2Command<ScheduleInfo> {

    @Override
    public String name() {
        return "get_schedule";
    }

    @Override
    public Class<ScheduleInfo> replyType() {
        return ScheduleInfo.class;
    }

    @Override
    public List<Param> parameters() {
        return Param.present(
                event.map(v -> Param.text("Event", v)));
    }
}
