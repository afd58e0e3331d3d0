package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code confirm_message}: Confirms a utility message. */
public record ConfirmMessage(Optional<MacId> meter, String id) implements Emu2Command<Void> {

    @Override
    public String name() {
        return "confirm_message";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.text("Id", id));
    }
}
