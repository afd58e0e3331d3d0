package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.CurrentSummationDelivered;
import dev.metertap.collector.emu2.wire.MacId;

import java.util.List;
import java.util.Optional;

/** {@code get_current_summation_delivered}: Asks for the meter's registers. */
public record GetCurrentSummationDelivered(Optional<MacId> meter, boolean refresh) implements Emu2Command<CurrentSummationDelivered> {

    /** For the only meter, from the device's cache. */
    public GetCurrentSummationDelivered() {
        this(Optional.empty(), false);
    }

    @Override
    public String name() {
        return "get_current_summation_delivered";
    }

    @Override
    public Class<CurrentSummationDelivered> replyType() {
        return CurrentSummationDelivered.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.yesNo("Refresh", refresh));
    }
}
