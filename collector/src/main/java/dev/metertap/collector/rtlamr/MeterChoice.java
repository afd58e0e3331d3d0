package dev.metertap.collector.rtlamr;

import java.util.Set;

/**
 * Which meters' messages become readings: one's own ({@code meters:}), or every meter heard when asked
 * ({@code store-others: true}, or {@code rtlamr listen} without {@code --meter}). A radio hears the neighbours
 * too: their messages are counted, never stored, unless asked.
 */
public record MeterChoice(Set<Long> meters, boolean others) {

    public static final MeterChoice EVERY_METER = new MeterChoice(Set.of(), true);

    public MeterChoice {
        meters = Set.copyOf(meters);
    }

    public boolean wants(long meterId) {
        return others || meters.contains(meterId);
    }
}
