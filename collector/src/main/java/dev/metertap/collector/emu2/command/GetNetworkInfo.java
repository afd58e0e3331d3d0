package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.NetworkInfo;

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
}
