package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.NetworkInfo;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code get_network_info}: Asks about the display's network. */
public record GetNetworkInfo() implements Emu2Command<NetworkInfo> {

    @Override
    public String name() {
        return "get_network_info";
    }

    @Override
    public Class<NetworkInfo> replyType() {
        return NetworkInfo.class;
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
