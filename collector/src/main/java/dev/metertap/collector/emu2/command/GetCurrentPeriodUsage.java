package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.CurrentPeriodUsage;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.Optional;

/** {@code get_current_period_usage}: Asks for usage in the current period. */
public record GetCurrentPeriodUsage(Optional<MacId> meter) implements Emu2Command<CurrentPeriodUsage> {

    /** For the only meter (or the device's default). */
    public GetCurrentPeriodUsage() {
        this(Optional.empty());
    }

    @Override
    public String name() {
        return "get_current_period_usage";
    }

    @Override
    public Class<CurrentPeriodUsage> replyType() {
        return CurrentPeriodUsage.class;
    }
}
