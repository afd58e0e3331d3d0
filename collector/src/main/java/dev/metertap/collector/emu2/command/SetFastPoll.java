package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code set_fast_poll}: Polls the meter faster (4 s to 0xFFFF s) for up to 15 minutes. */
public record SetFastPoll(Optional<MacId> meter, Duration frequency, Duration duration) implements Emu2Command<Void> {

    @Override
    public String name() {
        return "set_fast_poll";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.seconds("Frequency", frequency),
                Param.seconds("Duration", duration));
    }
}
