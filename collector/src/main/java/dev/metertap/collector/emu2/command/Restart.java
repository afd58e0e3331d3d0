package dev.metertap.collector.emu2.command;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code restart}: Restarts the device; it answers with its start-up ConnectionStatus sequence, not a reply. */
public record Restart() implements Emu2Command<Void> {

    @Override
    public String name() {
        return "restart";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
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
