package dev.metertap.simulator.fault;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * The faults as users write them, {@code NAME=VALUE} (CLI {@code --fault}, control API {@code /faults/NAME?value=V}):
 * one {@link Kind} per {@link Fault} record, with its name, what its number means, and how to make it.
 */
public final class FaultSyntax {

    /** One kind of fault: its user-facing name and description, its record, and the record for a value. */
    public record Kind(String id, String description, Class<? extends Fault> type, DoubleFunction<Fault> make) {

        /** The fault for {@code value}; throws, in the user's words, unless the value suits it. */
        public Fault of(double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(id + " needs a number, not " + value);
            }
            return make.apply(value);
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("clobber", "probability per fragment that the device stalls on it and the next fragment due cuts it off (replies are exposed twice as long)",
                    Fault.Clobber.class, Fault.Clobber::new),
            new Kind("stale-tail", "probability that a host attaching first reads the tail of an old fragment",
                    Fault.StaleTail.class, Fault.StaleTail::new),
            new Kind("drop-replies", "probability per command that its reply is lost", Fault.DropReplies.class, Fault.DropReplies::new),
            new Kind("command-gap", "seconds; commands closer together than this (on the device's clock) are ignored",
                    Fault.CommandGap.class, FaultSyntax::commandGap),
            new Kind("nul-bytes", "probability per fragment of NUL bytes written before it", Fault.NulBytes.class, Fault.NulBytes::new),
            new Kind("datecode-ff", "1 to send DateCode as sixteen 0xFF bytes", Fault.DateCodeFf.class, FaultSyntax::dateCodeFf),
            new Kind("sentinels", "probability per fragment that its TimeStamp is the sentinel 0xffffffff",
                    Fault.Sentinels.class, Fault.Sentinels::new),
            new Kind("zero-summation", "probability per summation that it reads 0 delivered and 0 received",
                    Fault.ZeroSummation.class, Fault.ZeroSummation::new),
            new Kind("rejoin", "probability per demand reading that a 1-5 minute rejoin episode starts", Fault.Rejoin.class, Fault.Rejoin::new),
            new Kind("trickle", "bytes per wall-clock second; writes trickle out in small pieces (0 = full speed)",
                    Fault.Trickle.class, FaultSyntax::trickle));

    private FaultSyntax() {
    }

    /** Every kind, in the order the help lists them. */
    public static List<Kind> kinds() {
        return KINDS;
    }

    /** Looks a kind up by name, case-insensitively ({@code clobber}, {@code NUL_BYTES}, {@code nul-bytes}). */
    public static Kind kind(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return KINDS.stream().filter(k -> k.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + name + "'; known: "
                        + KINDS.stream().map(Kind::id).collect(Collectors.joining(", "))));
    }

    static Kind kindOf(Class<? extends Fault> type) {
        return KINDS.stream().filter(k -> k.type() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("no syntax for " + type.getSimpleName()));
    }

    /** {@code clobber=0.2}, {@code command-gap=30} */
    public static String format(Fault fault) {
        double v = fault.amount();
        return fault.id() + "=" + (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
    }

    private static Fault commandGap(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("command-gap must be 0 or more seconds, not " + seconds);
        }
        return new Fault.CommandGap(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    private static Fault trickle(double bytesPerSecond) {
        if (bytesPerSecond != Math.rint(bytesPerSecond) || bytesPerSecond > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trickle must be a whole number of bytes per second, not " + bytesPerSecond);
        }
        return new Fault.Trickle((int) bytesPerSecond);
    }

    private static Fault dateCodeFf(double on) {
        if (on != 1) {
            throw new IllegalArgumentException("datecode-ff is 1 (on) or 0 (off), not " + on);
        }
        return new Fault.DateCodeFf();
    }
}
