package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.ConnectionStatus;

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
}
