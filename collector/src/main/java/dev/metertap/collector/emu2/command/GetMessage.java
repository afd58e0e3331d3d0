package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.MessageCluster;

import java.util.List;
import java.util.Optional;

/** {@code get_message}: Asks for the current utility message. */
public record GetMessage(Optional<MacId> meter, boolean refresh) implements Emu2Command<MessageCluster> {

    /** For the only meter, from the device's cache. */
    public GetMessage() {
        this(Optional.empty(), false);
    }

    @Override
    public String name() {
        return "get_message";
    }

    @Override
    public Class<MessageCluster> replyType() {
        return MessageCluster.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.yesNo("Refresh", refresh));
    }
}
