package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code set_schedule_default}: Restores the default schedule. */
public record SetScheduleDefault(Optional<MacId> meter, Optional<String> event) implements Emu2Command<Void> {

    @Override
    public String name() {
        return "set_schedule_default";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }

    @Override
    public List<Param> parameters() {
        return Param.present(
                event.map(v -> Param.text("Event", v)));
    }
}
