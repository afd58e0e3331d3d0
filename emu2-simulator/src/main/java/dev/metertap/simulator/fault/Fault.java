package dev.metertap.simulator.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A flaw the simulated device shows: one of a closed set, each applied at one {@link FaultPoint}. Chances are drawn
 * from the device's seeded dice at that point, so one seed gives one run. Users name them as {@code NAME=VALUE}
 * ({@link FaultSyntax}).
 */
public sealed interface Fault {

    /** The name used on the command line, in the control API and in status output. */
    default String id() {
        return FaultSyntax.kindOf(getClass()).id();
    }

    FaultPoint point();

    /** The number a user writes for it: a rate, seconds, bytes per second, or 1 for a switch. */
    double amount();

    /** A fault that happens at its point with a probability, {@code rate}, from 0 to 1. */
    sealed interface Chance extends Fault {

        double rate();

        @Override
        default double amount() {
            return rate();
        }

        /** Whether it happens this time; draws from {@code dice} only when it can happen. */
        default boolean strikes(SplittableRandom dice) {
            return draw(rate(), dice);
        }
    }

    /** The write stalls and whatever is written next cuts it off, with no newline. */
    record Clobber(double rate) implements Chance {
        public Clobber {
            checkRate("clobber", rate);
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.WRITE;
        }

        /** Command replies are exposed twice as long, as users of real units report: 1 − (1 − rate)². */
        public double stallChance(boolean reply) {
            return reply ? 1 - (1 - rate) * (1 - rate) : rate;
        }

        public boolean stalls(boolean reply, SplittableRandom dice) {
            return draw(stallChance(reply), dice);
        }

        /** How many of a write's {@code length} bytes go out before it stalls: never its root end tag's last bytes. */
        public int bytesBeforeStall(int length, SplittableRandom dice) {
            return 1 + dice.nextInt(length - 3);
        }
    }

    /** A host attaching first reads the end of an old fragment without its start. */
    record StaleTail(double rate) implements Chance {
        public StaleTail {
            checkRate("stale-tail", rate);
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.HOST_ATTACH;
        }

        /** The end of {@code fragment}, from somewhere in its middle half. */
        public byte[] tailOf(byte[] fragment, SplittableRandom dice) {
            int from = fragment.length / 4 + dice.nextInt(fragment.length / 2);
            return Arrays.copyOfRange(fragment, from, fragment.length);
        }
    }

    /** An answered command's reply never goes out. */
    record DropReplies(double rate) implements Chance {
        public DropReplies {
            checkRate("drop-replies", rate);
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.REPLY;
        }
    }

    /** 1 to 8 NUL bytes go out before a fragment. */
    record NulBytes(double rate) implements Chance {
        public NulBytes {
            checkRate("nul-bytes", rate);
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.BETWEEN_FRAGMENTS;
        }

        public byte[] bytes(SplittableRandom dice) {
            return new byte[1 + dice.nextInt(8)];
        }
    }

    /** A fragment's TimeStamp is the "no value" sentinel 0xffffffff. */
    record Sentinels(double rate) implements Chance {
        public Sentinels {
            checkRate("sentinels", rate);
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.FRAGMENT_CONTENT;
        }
    }

    /** A summation reads 0 delivered and 0 received, as a glitching or restarting display shows. */
    record ZeroSummation(double rate) implements Chance {
        public ZeroSummation {
            checkRate("zero-summation", rate);
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.FRAGMENT_CONTENT;
        }
    }

    /** Per demand reading: a rejoin episode (Rejoining, LinkStrength 0x00) of 1 to 5 minutes starts. */
    record Rejoin(double rate) implements Chance {
        public Rejoin {
            checkRate("rejoin", rate);
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.DEMAND_READING;
        }

        public Duration episode(SplittableRandom dice) {
            return Duration.ofSeconds(60 + dice.nextInt(241));
        }
    }

    /** A command arriving sooner than {@code gap} after the previous one, on the device's simulated clock, is ignored. */
    record CommandGap(Duration gap) implements Fault {
        public CommandGap {
            if (gap.isNegative()) {
                throw new IllegalArgumentException("command-gap must be 0 or more seconds, not " + gap.toNanos() / 1e9);
            }
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.COMMAND_IN;
        }

        @Override
        public double amount() {
            return gap.toNanos() / 1e9;
        }

        /** Whether a command at {@code nowMillis} comes too soon after one at {@code previousMillis}. */
        public boolean tooSoon(long previousMillis, long nowMillis) {
            return !gap.isZero() && previousMillis != Long.MIN_VALUE && (nowMillis - previousMillis) * 1_000_000 < gap.toNanos();
        }
    }

    /** Bytes go out in pieces of 1 to 16 at {@code bytesPerSecond} of wall time, instead of in packets. */
    record Trickle(int bytesPerSecond) implements Fault {
        public Trickle {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("trickle must be 0 or more bytes per second, not " + bytesPerSecond);
            }
        }

        @Override
        public FaultPoint point() {
            return FaultPoint.PACKETS;
        }

        @Override
        public double amount() {
            return bytesPerSecond;
        }
    }

    /** DeviceInfo's DateCode is sixteen 0xFF bytes, as some real units send. */
    record DateCodeFf() implements Fault {
        @Override
        public FaultPoint point() {
            return FaultPoint.REPLY_CONTENT;
        }

        @Override
        public double amount() {
            return 1;
        }
    }

    private static boolean draw(double chance, SplittableRandom dice) {
        return chance > 0 && dice.nextDouble() < chance;
    }

    private static void checkRate(String id, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(id + " must be between 0 and 1, not " + rate);
        }
    }
}
