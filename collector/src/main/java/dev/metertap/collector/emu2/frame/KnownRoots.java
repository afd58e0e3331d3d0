package dev.metertap.collector.emu2.frame;

import java.util.List;
import java.util.Locale;

/**
 * The root elements the device writes. One of these opening inside a fragment marks a cut; any
 * other start tag there is a child. Matching is case-insensitive and allocation-free.
 */
final class KnownRoots {

    static final List<String> NAMES = List.of(
            "InstantaneousDemand", "CurrentSummationDelivered", "CurrentPeriodUsage", "LastPeriodUsage",
            "PriceCluster", "TimeCluster", "MessageCluster", "ConnectionStatus", "NetworkInfo", "DeviceInfo",
            "ScheduleInfo", "MeterList", "MeterInfo", "ProfileData", "BlockPriceDetail", "Warning", "Error",
            "BillingPeriodList", "FastPollStatus");

    /** Lower-case names bucketed by length, so a lookup compares at most a couple of names. */
    private static final byte[][][] BY_LENGTH = new byte[Emu2Framer.MAX_NAME_LENGTH + 1][][];

    static {
        for (String name : NAMES) {
            byte[] lower = name.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[][] bucket = BY_LENGTH[lower.length];
            byte[][] grown = bucket == null ? new byte[1][] : java.util.Arrays.copyOf(bucket, bucket.length + 1);
            grown[grown.length - 1] = lower;
            BY_LENGTH[lower.length] = grown;
        }
    }

    private KnownRoots() {
    }

    static boolean contains(byte[] bytes, int start, int length) {
        if (length > Emu2Framer.MAX_NAME_LENGTH) {
            return false;
        }
        byte[][] bucket = BY_LENGTH[length];
        if (bucket == null) {
            return false;
        }
        for (byte[] lower : bucket) {
            if (Ascii.equalsIgnoreCase(bytes, start, lower, length)) {
                return true;
            }
        }
        return false;
    }
}
