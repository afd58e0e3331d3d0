package dev.metertap.collector.sink.mqtt;

import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MeterStatesTest {

    private static final String DEVICE = "0xd8d5b9000000a1b2";
    private static final String METER = "0x00135001000c3f4e";
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    /** A clock the test moves: offline-after is measured on the host's clock. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final MeterStates states = new MeterStates(clock, Duration.ofMinutes(5));

    private Set<String> apply(Reading reading) {
        return states.apply(reading.toPoint());
    }

    private static SummationReading summation(int second, String delivered, String received) {
        return new SummationReading(DEVICE, METER, T0.plusSeconds(second), new BigDecimal(delivered), new BigDecimal(received));
    }

    private static LinkReading link(int second, String status, int strength) {
        return new LinkReading(DEVICE, METER, T0.plusSeconds(second), status, strength);
    }

    @Test
    void demandBecomesWattsExactly() {
        assertThat(apply(new DemandReading(DEVICE, METER, T0, new BigDecimal("-1.234")))).containsExactly(METER);
        assertThat(states.meter(METER).powerW).isEqualByComparingTo("-1234");
        assertThat(states.meter(METER).powerW.toPlainString()).isEqualTo("-1234");
    }

    @Test
    void aSummationReadingZeroDeliveredIsNeverTakenNotEvenTheFirst() {
        apply(summation(0, "0", "0"));
        assertThat(states.meter(METER).importedKwh).isNull();
        assertThat(states.meter(METER).exportedKwh).isNull();
        apply(summation(10, "22082.821", "0"));  // a house without solar: 0 received is its true total
        apply(summation(20, "0", "0"));
        assertThat(states.meter(METER).importedKwh).isEqualByComparingTo("22082.821");
        assertThat(states.meter(METER).exportedKwh).isEqualByComparingTo("0");
    }

    @Test
    void aCounterNeverGoesBackwardsEachCounterOnItsOwn() {
        apply(summation(0, "100.5", "2.0"));
        apply(summation(10, "100.4", "2.1"));
        assertThat(states.meter(METER).importedKwh).isEqualByComparingTo("100.5");
        assertThat(states.meter(METER).exportedKwh).isEqualByComparingTo("2.1");
        apply(summation(20, "100.4", "0"));
        assertThat(states.meter(METER).importedKwh).isEqualByComparingTo("100.5");
        assertThat(states.meter(METER).exportedKwh).isEqualByComparingTo("2.1");
        apply(summation(30, "100.5", "2.1"));  // equal is not backwards
        apply(summation(40, "100.7", "2.2"));
        assertThat(states.meter(METER).importedKwh).isEqualByComparingTo("100.7");
        assertThat(states.meter(METER).exportedKwh).isEqualByComparingTo("2.2");
    }

    @Test
    void countersPublishedInAnEarlierRunAreTheFloorOfTheNextInAnyOrder() {
        // as the store hands them over: in no particular order, with the 0 and the dip the guard had dropped
        states.restorePublished(summation(20, "100.7", "2.2").toPoint());
        states.restorePublished(summation(0, "100.5", "2.0").toPoint());
        states.restorePublished(summation(30, "0", "9.9").toPoint());
        states.restorePublished(summation(10, "100.4", "2.1").toPoint());
        states.restorePublished(new DemandReading(DEVICE, "0x00135001000c0002", T0, BigDecimal.ONE).toPoint());
        assertThat(states.metersRestored()).isEqualTo(1);
        assertThat(states.meters()).as("nothing to publish until a reading of this run").isEmpty();

        apply(new DemandReading(DEVICE, METER, T0.plusSeconds(40), BigDecimal.ONE));
        assertThat(states.meter(METER).importedKwh).as("the state keeps what was published").isEqualByComparingTo("100.7");
        assertThat(states.meter(METER).exportedKwh).isEqualByComparingTo("2.2");
        apply(summation(50, "3.0", "0.1"));  // the display restarted from a low value
        assertThat(states.meter(METER).importedKwh).isEqualByComparingTo("100.7");
        assertThat(states.meter(METER).exportedKwh).isEqualByComparingTo("2.2");
        apply(summation(60, "100.8", "2.2"));
        assertThat(states.meter(METER).importedKwh).isEqualByComparingTo("100.8");
    }

    @Test
    void aMeterIsOfflineWhileRejoiningWithNoStrengthOrSilentForOfflineAfter() {
        apply(link(0, "Connected", 80));
        MeterState meter = states.meter(METER);
        assertThat(states.online(meter)).isTrue();
        apply(link(1, "Rejoining", 40));
        assertThat(states.online(meter)).isFalse();
        apply(link(2, "Connected", 0));
        assertThat(states.online(meter)).isFalse();
        apply(link(3, "Connected", 1));
        assertThat(states.online(meter)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
        assertThat(states.online(meter)).isTrue();
        clock.now = clock.now.plusMillis(1);
        assertThat(states.online(meter)).isFalse();
        apply(new DemandReading(DEVICE, METER, T0.plusSeconds(400), BigDecimal.ONE));
        assertThat(states.online(meter)).isTrue();
    }

    @Test
    void theNewestNightsAlwaysOnLoadBelongsToEveryMeterAndPgeIntervalsToNone() {
        apply(link(0, "Connected", 80));
        apply(new DemandReading(DEVICE, "0x00135001000c0002", T0, BigDecimal.ONE));
        assertThat(apply(BaselineReading.of(Instant.parse("2026-11-23T08:00:00Z"), 150.04, "emu2")))
                .containsExactlyInAnyOrder(METER, "0x00135001000c0002");
        assertThat(apply(BaselineReading.of(Instant.parse("2026-11-22T08:00:00Z"), 999, "pge"))).as("an older night measured again").isEmpty();
        assertThat(states.alwaysOnW()).isEqualByComparingTo("150.0");
        assertThat(apply(new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED,
                IntervalReading.Unit.KWH, 3600, T0, BigDecimal.TEN, 1, null, null))).isEmpty();
    }
}
