package dev.metertap.simulator.rtlamr;

import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * One meter on the air. What it uses in each 5-minute interval is a pure function of the seed, its id and the
 * interval's number, so a restarted simulator (or a test) can tell any interval's use and any total without
 * replaying the run. Intervals close at {@code phase} seconds past each multiple of 5 minutes since the epoch.
 *
 * @param solar NetIDM only: the house exports in daytime (by {@code zone}), so net intervals go negative
 */
public record RadioMeter(RadioProtocol protocol, long id, int ertType, boolean solar) {

    public static final int INTERVAL_SECONDS = 300;
    static final long BASE_TOTAL = 400_000;

    /** TYPE:ID[:ERTTYPE][:solar], e.g. {@code SCM:48151623:12}, {@code NetIDM:77000001:8:solar}. */
    public static RadioMeter parse(String text) {
        String[] parts = text.split(":");
        if (parts.length < 2 || parts.length > 4) {
            throw new IllegalArgumentException("a meter is TYPE:ID[:ERTTYPE][:solar], e.g. SCM:48151623:12; got '" + text + "'");
        }
        RadioProtocol protocol = RadioProtocol.parse(parts[0]);
        long id = Long.parseLong(parts[1]);
        int ert = parts.length > 2 ? Integer.parseInt(parts[2]) : defaultErtType(protocol);
        boolean solar = parts.length > 3 && parts[3].equals("solar");
        return new RadioMeter(protocol, id, ert, solar);
    }

    private static int defaultErtType(RadioProtocol protocol) {
        return switch (protocol) {
            case SCM -> 12;
            case SCM_PLUS -> 156;
            case IDM -> 7;
            case NET_IDM -> 8;
            case R900 -> 0;
        };
    }

    public RadioMeter {
        if (id <= 0 || id > 0xFFFF_FFFFL || (protocol == RadioProtocol.SCM && id > 0x3FF_FFFF)) {
            throw new IllegalArgumentException("meter id " + id + " does not fit a " + protocol.wireName() + " packet");
        }
    }

    /** Seconds past each 5-minute mark at which this meter's intervals close (0–299). */
    public int phase(long seed) {
        return (int) Math.floorMod(mix(seed, id, -1), INTERVAL_SECONDS);
    }

    /** The interval containing {@code epochSecond}: its number counts from the epoch. */
    public long intervalAt(long epochSecond, long seed) {
        return Math.floorDiv(epochSecond - phase(seed), INTERVAL_SECONDS);
    }

    /** When interval {@code k} began (and interval {@code k − 1} closed). */
    public long intervalStart(long k, long seed) {
        return k * INTERVAL_SECONDS + phase(seed);
    }

    /** What the house drew in interval {@code k}, in the meter's raw units. */
    public int use(long k, long seed) {
        int bound = switch (protocol) {
            case SCM -> 4;          // gas: a few cubic feet at most
            case IDM, NET_IDM -> 60; // electric: 0.01 kWh units, up to 7.2 kW
            case SCM_PLUS -> 30;
            case R900 -> 10;        // water: gallons
        };
        return new SplittableRandom(mix(seed, id, k)).nextInt(bound + 1);
    }

    /** What a solar house exported in interval {@code k} (0 at night and for other meters). */
    public int generation(long k, long seed, ZoneId zone) {
        if (!solar) {
            return 0;
        }
        int hour = Instant.ofEpochSecond(intervalStart(k, seed)).atZone(zone).getHour();
        if (hour < 9 || hour >= 16) {
            return 0;
        }
        return new SplittableRandom(mix(seed, id ^ 0x5A5A5A5AL, k)).nextInt(81);
    }

    private static long mix(long seed, long id, long k) {
        long z = seed * 0x9E3779B97F4A7C15L ^ id * 0xC2B2AE3D27D4EB4FL ^ k * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
