package dev.metertap.collector.emu2.wire;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * TimeCluster's LocalTime: local wall-clock seconds counted from 2000-01-01T00:00 (a Pacific
 * sample is 28,800 s behind UTCTime). It is a wall-clock reading, not an instant.
 */
public record Emu2LocalTime(long seconds) {

    private static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    public boolean isAbsent() {
        return seconds == Emu2Time.ABSENT;
    }

    public Optional<LocalDateTime> wallClock() {
        return isAbsent() ? Optional.empty() : Optional.of(EPOCH.plusSeconds(seconds));
    }

    /** The offset from UTC this wall clock implies, given the matching UTCTime. */
    public Optional<ZoneOffset> offsetFrom(Emu2Time utc) {
        if (isAbsent() || utc.isAbsent()) {
            return Optional.empty();
        }
        long difference = seconds - utc.seconds();
        if (Math.abs(difference) > 18 * 3600) {
            return Optional.empty();
        }
        return Optional.of(ZoneOffset.ofTotalSeconds((int) difference));
    }
}
