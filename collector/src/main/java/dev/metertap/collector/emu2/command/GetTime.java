package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.TimeCluster;

import java.util.List;
import java.util.Optional;

/** {@code get_time}: Asks for the time (refresh: ask the meter rather than the cache). */
public record GetTime(Optional<MacId> meter, boolean refresh) implements Emu2Command<TimeCluster> {

    /** For the only meter, from the device's cache. */
    public GetTime() {
        this(Optional.empty(), false);
    }

    @Override
    public String name() {
        return "get_time";
    }

    @Override
    public Class<TimeCluster> replyType() {
        return TimeCluster.class;
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.yesNo("Refresh", refresh));
    }
}
