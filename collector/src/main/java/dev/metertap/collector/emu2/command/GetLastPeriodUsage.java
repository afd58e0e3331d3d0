package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.LastPeriodUsage;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.Optional;

/** {@code get_last_period_usage}: Asks for usage in the last period. */
public record GetLastPeriodUsage(Optional<MacId> meter) implements Emu2Command<LastPeriodUsage> {

    /** For the only meter (or the device's default). */
    public GetLastPeriodUsage() {
        this(Optional.empty());
    }

    @Override
    public String name() {
        return "get_last_period_usage";
    }

    @Override
    public Class<LastPeriodUsage> replyType() {
        return LastPeriodUsage.class;
    }
}
