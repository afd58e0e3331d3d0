package dev.metertap.simulator.fault;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each fault on its own, away from the device: what it decides at its point, and what it refuses. */
class FaultTest {

    private static final long SEED = 20;
    private static final int DRAWS = 100_000;

    @Test
    void clobberExposesRepliesTwiceAsLong() {
        Fault.Clobber clobber = new Fault.Clobber(0.2);
        assertThat(clobber.point()).isEqualTo(FaultPoint.WRITE);
        assertThat(clobber.stallChance(false)).isEqualTo(0.2);
        assertThat(clobber.stallChance(true)).isCloseTo(0.36, within(1e-12)); // 1 - 0.8 * 0.8
        SplittableRandom dice = new SplittableRandom(SEED);
        int scheduled = 0;
        int replies = 0;
        for (int i = 0; i < DRAWS; i++) {
            scheduled += clobber.stalls(false, dice) ? 1 : 0;
            replies += clobber.stalls(true, dice) ? 1 : 0;
        }
        assertThat(scheduled / (double) DRAWS).as("seed %d", SEED).isCloseTo(0.2, within(0.01));
        assertThat(replies / (double) DRAWS).as("seed %d", SEED).isCloseTo(0.36, within(0.01));
    }

    @Test
    void aClobberedWriteStopsBeforeItsLastThreeBytes() {
        Fault.Clobber clobber = new Fault.Clobber(1);
        SplittableRandom dice = new SplittableRandom(SEED);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(clobber.bytesBeforeStall(10, dice));
        }
        assertThat(seen).as("seed %d", SEED).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aStaleTailIsTheEndOfAFragmentFromItsMiddleHalf() {
        Fault.StaleTail stale = new Fault.StaleTail(1);
        assertThat(stale.point()).isEqualTo(FaultPoint.HOST_ATTACH);
        byte[] fragment = "<Time>\r\n  <TimeStamp>0x2dedcb1f</TimeStamp>\r\n</Time>\r\n".getBytes(StandardCharsets.ISO_8859_1);
        SplittableRandom dice = new SplittableRandom(SEED);
        for (int i = 0; i < 1000; i++) {
            byte[] tail = stale.tailOf(fragment, dice);
            int from = fragment.length - tail.length;
            assertThat(from).as("seed %d, draw %d", SEED, i).isBetween(fragment.length / 4, fragment.length / 4 + fragment.length / 2 - 1);
            assertThat(tail).isEqualTo(Arrays.copyOfRange(fragment, from, fragment.length));
        }
    }

    @Test
    void chancesStrikeAtTheirRateAndDrawNothingAtZero() {
        for (Fault.Chance chance : new Fault.Chance[]{new Fault.DropReplies(0.1), new Fault.NulBytes(0.3),
                new Fault.Sentinels(0.5), new Fault.ZeroSummation(0.05), new Fault.Rejoin(0.01)}) {
            SplittableRandom dice = new SplittableRandom(SEED);
            long hits = 0;
            for (int i = 0; i < DRAWS; i++) {
                hits += chance.strikes(dice) ? 1 : 0;
            }
            assertThat(hits / (double) DRAWS).as("%s, seed %d", chance, SEED).isCloseTo(chance.rate(), within(0.01));
        }
        SplittableRandom dice = new SplittableRandom(SEED);
        assertThat(new Fault.Clobber(0).strikes(dice)).isFalse();
        assertThat(dice.nextLong()).as("no draw at rate 0: one seed, one run").isEqualTo(new SplittableRandom(SEED).nextLong());
    }

    @Test
    void eachChanceAppliesAtItsOwnPoint() {
        assertThat(new Fault.DropReplies(0.1).point()).isEqualTo(FaultPoint.REPLY);
        assertThat(new Fault.NulBytes(0.1).point()).isEqualTo(FaultPoint.BETWEEN_FRAGMENTS);
        assertThat(new Fault.Sentinels(0.1).point()).isEqualTo(FaultPoint.FRAGMENT_CONTENT);
        assertThat(new Fault.ZeroSummation(0.1).point()).isEqualTo(FaultPoint.FRAGMENT_CONTENT);
        assertThat(new Fault.Rejoin(0.1).point()).isEqualTo(FaultPoint.DEMAND_READING);
        assertThat(new Fault.DateCodeFf().point()).isEqualTo(FaultPoint.REPLY_CONTENT);
        assertThat(new Fault.Trickle(100).point()).isEqualTo(FaultPoint.PACKETS);
        assertThat(new Fault.CommandGap(Duration.ofSeconds(1)).point()).isEqualTo(FaultPoint.COMMAND_IN);
    }

    @Test
    void nulBytesAreOneToEight() {
        SplittableRandom dice = new SplittableRandom(SEED);
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] nul = new Fault.NulBytes(1).bytes(dice);
            assertThat(nul).containsOnly(0);
            lengths.add(nul.length);
        }
        assertThat(lengths).as("seed %d", SEED).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void aRejoinEpisodeLastsOneToFiveMinutes() {
        SplittableRandom dice = new SplittableRandom(SEED);
        Set<Long> seconds = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seconds.add(new Fault.Rejoin(1).episode(dice).toSeconds());
        }
        assertThat(seconds).as("seed %d", SEED).hasSize(241).allSatisfy(s -> assertThat(s).isBetween(60L, 300L));
    }

    @Test
    void aCommandTooSoonAfterThePreviousOneIsIgnored() {
        Fault.CommandGap gap = new Fault.CommandGap(Duration.ofMillis(30_500));
        assertThat(gap.amount()).isEqualTo(30.5);
        assertThat(gap.tooSoon(Long.MIN_VALUE, 0)).as("the first command").isFalse();
        assertThat(gap.tooSoon(1_000, 31_499)).isTrue();
        assertThat(gap.tooSoon(1_000, 31_500)).isFalse();
        assertThat(new Fault.CommandGap(Duration.ZERO).tooSoon(1_000, 1_000)).isFalse();
    }

    @Test
    void badValuesAreRefusedInTheUsersWords() {
        assertThatThrownBy(() -> new Fault.Clobber(1.5)).hasMessage("clobber must be between 0 and 1, not 1.5");
        assertThatThrownBy(() -> new Fault.StaleTail(Double.NaN)).hasMessage("stale-tail must be between 0 and 1, not NaN");
        assertThatThrownBy(() -> new Fault.Trickle(-1)).hasMessage("trickle must be 0 or more bytes per second, not -1");
        assertThatThrownBy(() -> FaultSyntax.kind("trickle").of(0.5)).hasMessage("trickle must be a whole number of bytes per second, not 0.5");
        assertThatThrownBy(() -> FaultSyntax.kind("command-gap").of(-2)).hasMessage("command-gap must be 0 or more seconds, not -2.0");
        assertThatThrownBy(() -> FaultSyntax.kind("datecode-ff").of(2)).hasMessage("datecode-ff is 1 (on) or 0 (off), not 2.0");
        assertThatThrownBy(() -> FaultSyntax.kind("gremlins")).hasMessageStartingWith("unknown fault 'gremlins'; known: clobber, stale-tail");
    }

    @Test
    void everyFaultHasOneNameAndEveryNameOneFault() {
        Set<Class<?>> records = Arrays.stream(Fault.class.getPermittedSubclasses())
                .flatMap(c -> c.isInterface() ? Arrays.stream(c.getPermittedSubclasses()) : Arrays.stream(new Class<?>[]{c}))
                .collect(Collectors.toSet());
        Set<Class<?>> named = FaultSyntax.kinds().stream().map(FaultSyntax.Kind::type).collect(Collectors.toSet());
        assertThat(named).hasSize(FaultSyntax.kinds().size()).isEqualTo(records);
        for (FaultSyntax.Kind kind : FaultSyntax.kinds()) {
            Fault fault = kind.of(1);
            assertThat(fault.id()).isEqualTo(kind.id());
            assertThat(FaultSyntax.format(fault)).isEqualTo(kind.id() + "=1");
            assertThat(FaultSyntax.kind(kind.id().toUpperCase().replace('-', '_'))).isEqualTo(kind);
        }
        assertThat(FaultSyntax.format(FaultSyntax.kind("command-gap").of(2.5))).isEqualTo("command-gap=2.5");
    }

    @Test
    void faultsHoldOneOfEachKindAndZeroTurnsOneOff() {
        Faults faults = new Faults().clobber(0.2).set("nul-bytes", 0.1).clobber(0.3).set("datecode-ff", 1);
        assertThat(faults.active()).containsExactly(new Fault.Clobber(0.3), new Fault.DateCodeFf(), new Fault.NulBytes(0.1));
        assertThat(faults).hasToString("[clobber=0.3, datecode-ff=1, nul-bytes=0.1]");
        faults.set("clobber", 0).set("datecode-ff", 0).set(new Fault.Trickle(0));
        assertThat(faults.active()).containsExactly(new Fault.NulBytes(0.1));
        faults.clear("NUL_BYTES");
        assertThat(faults.active()).isEmpty();
        assertThat(faults.strikes(Fault.Clobber.class, new SplittableRandom(SEED))).isFalse();
    }
}
