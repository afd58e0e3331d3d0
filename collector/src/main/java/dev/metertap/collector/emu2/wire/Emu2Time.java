package dev.metertap.collector.emu2.wire;

import java.time.Instant;
import java.util.Optional;

/**
 * A device time: seconds since 2000-01-01T00:00:00Z, 32 bits; {@code 0xffffffff} means "no time".
 */
public record Emu2Time(long seconds) {

    /** 2000-01-01T00:00:00Z in Unix seconds. */
    public static final long EPOCH_UNIX_SECONDS = 946_684_800L;
    /** The sentinel for "no time". */
    public static final long ABSENT = 0xffff_ffffL;

    public Emu2Time {
        if (seconds < 0 || seconds > ABSENT) {
            throw new IllegalArgumentException("device time must fit 32 unsigned bits, was " + seconds);
        }
    }

    public static Emu2Time of(Instant instant) {
        return new Emu2Time(instant.getEpochSecond() - EPOCH_UNIX_SECONDS);
    }

    public boolean isAbsent() {
        return seconds == ABSENT;
    }

    public Optional<Instant> instant() {
        return isAbsent() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(EPOCH_UNIX_SECONDS + seconds));
    }

    @Override
    public String toString() {
        return isAbsent() ? "absent" : instant().orElseThrow().toString();
    }
}
