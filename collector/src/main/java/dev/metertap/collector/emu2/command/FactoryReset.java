package dev.metertap.collector.emu2.command;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code factory_reset}: Decommissions and restarts the device. */
public record FactoryReset() implements Emu2Command<Void> {

    @Override
    public String name() {
        return "factory_reset";
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
