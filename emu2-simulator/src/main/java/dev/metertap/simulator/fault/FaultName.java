package dev.metertap.simulator.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The flaws the simulator can show, each set by one number. Rates are probabilities from 0 to 1,
 * drawn from the simulator's seeded fault random stream at the named point.
 */
public enum FaultName {
    /** Per fragment: the write stalls and whatever is written next (the next scheduled one) cuts it off, no newline. */
    CLOBBER("clobber", "probability per fragment that the device stalls on it and the next fragment due cuts it off (replies are exposed twice as long)"),
    /** Per host attach (pty: the host's open-time flush; a TCP client connecting): an old fragment's tail comes first. */
    STALE_TAIL("stale-tail", "probability that a host attaching first reads the tail of an old fragment"),
    /** Per answered command: the reply never goes out. */
    DROP_REPLIES("drop-replies", "probability per command that its reply is lost"),
    /** Seconds (host wall time): a command arriving sooner after the previous one is ignored. */
    COMMAND_GAP("command-gap", "seconds; commands closer together than this are ignored"),
    /** Per fragment: 1 to 8 NUL bytes are written before it. */
    NUL_BYTES("nul-bytes", "probability per fragment of NUL bytes written before it"),
    /** 1 = DeviceInfo's DateCode is sixteen 0xFF bytes (as some real units send). */
    DATE_CODE_FF("datecode-ff", "1 to send DateCode as sixteen 0xFF bytes"),
    /** Per fragment with a TimeStamp: it is the "no value" sentinel 0xffffffff. */
    SENTINELS("sentinels", "probability per fragment that its TimeStamp is the sentinel 0xffffffff"),
    /** Per summation written: both counters read 0, as a display glitching or restarting briefly shows. */
    ZERO_SUMMATION("zero-summation", "probability per summation that it reads 0 delivered and 0 received"),
    /** Per demand reading: a rejoin episode (Rejoining, LinkStrength 0x00) of 1 to 5 minutes starts. */
    REJOIN("rejoin", "probability per demand reading that a 1-5 minute rejoin episode starts"),
    /** Bytes per second (wall time): writes trickle out in small pieces. 0 = off. */
    TRICKLE("trickle", "bytes per wall-clock second; writes trickle out in small pieces (0 = full speed)");

    private final String id;
    private final String description;

    FaultName(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used on the command line, in the control API and in the journal. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Looks a fault up by its id, case-insensitively ({@code clobber}, {@code NUL_BYTES}, {@code nul-bytes}). */
    public static FaultName parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (FaultName name : values()) {
            if (name.id.equals(wanted)) {
                return name;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "'; known: "
                + Arrays.stream(values()).map(FaultName::id).collect(Collectors.joining(", ")));
    }

    /** Whether the value is a probability (0 to 1) rather than an amount. */
    public boolean isRate() {
        return this != COMMAND_GAP && this != TRICKLE && this != DATE_CODE_FF;
    }
}
