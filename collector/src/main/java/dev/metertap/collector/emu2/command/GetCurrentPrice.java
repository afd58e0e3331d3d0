package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.PriceCluster;

import java.util.List;
import java.util.Optional;

/** {@code get_current_price}: Asks for the current price. */
public record GetCurrentPrice(Optional<MacId> meter, boolean refresh) implements Emu2Command<PriceCluster> {

    /** For the only meter, from the device's cache. */
    public GetCurrentPrice() {
        this(Optional.empty(), false);
    }

    @Override
    public String name() {
        return "get_current_price";
    }

    @Override
    public Class<PriceCluster> replyType() {
        return PriceCluster.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.yesNo("Refresh", refresh));
    }
}
