package dev.metertap.simulator.wire;

import java.time.Instant;

/** The device's clock values: seconds since 2000-01-01T00:00:00Z, with the "no value" sentinel. */
public final class DeviceTime {

    /** Unix seconds at the device's epoch. */
    public static final long EPOCH_2000 = 946_684_800L;
    /** A time that means "absent". */
    public static final long ABSENT = 0xffff_ffffL;
    /** A duration that means "absent". */
    public static final int ABSENT_DURATION = 0xffff;

    private DeviceTime() {
    }

    public static long seconds(Instant instant) {
        return instant.getEpochSecond() - EPOCH_2000;
    }

    public static Instant instant(long deviceSeconds) {
        return Instant.ofEpochSecond(deviceSeconds + EPOCH_2000);
    }

    /** The 8-digit hex form. */
    public static String hex(Instant instant) {
        return Hex.of(seconds(instant), 8);
    }
}
