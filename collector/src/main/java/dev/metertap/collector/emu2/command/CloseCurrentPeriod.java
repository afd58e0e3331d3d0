package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;

import java.util.Optional;

/** {@code close_current_period}: Closes the current period. */
public record CloseCurrentPeriod(Optional<MacId> meter) implements Emu2Command<Void> {

    /** For the only meter (or the device's default). */
    public CloseCurrentPeriod() {
        this(Optional.empty());
    }

    @Override
    public String name() {
        return "close_current_period";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }
}
