package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code set_schedule}: Changes how often a notification is sent. */
public record SetSchedule(Optional<MacId> meter, String event, Duration frequency, boolean enabled) implements Emu2Command<Void> {

    @Override
    public String name() {
        return "set_schedule";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.text("Event", event),
                Param.seconds("Frequency", frequency),
                Param.yesNo("Enabled", enabled));
    }
}
