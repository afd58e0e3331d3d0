package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.ConnectionStatus;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code get_connection_status}: Asks for the link to the meter. */
public record GetConnectionStatus() implements Emu2Command<ConnectionStatus> {

    @Override
    public String name() {
        return "get_connection_status";
    }

    @Override
    public Class<ConnectionStatus> replyType() {
        return ConnectionStatus.class;
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
