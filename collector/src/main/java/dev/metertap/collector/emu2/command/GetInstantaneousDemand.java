package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code get_instantaneous_demand}: Asks for demand now (refresh: from the meter, else cached). */
public record GetInstantaneousDemand(Optional<MacId> meter, boolean refresh) implements Emu2Command<InstantaneousDemand> {

    /** For the only meter, from the device's cache. */
    public GetInstantaneousDemand() {
        this(Optional.empty(), false);
    }

    @Override
    public String name() {
        return "get_instantaneous_demand";
    }

    @Override
    public Class<InstantaneousDemand> replyType() {
        return InstantaneousDemand.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.yesNo("Refresh", refresh));
    }
}
