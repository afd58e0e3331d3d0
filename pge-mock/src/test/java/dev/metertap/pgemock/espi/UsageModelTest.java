package dev.metertap.pgemock.espi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UsageModelTest {

    private static final String HOURLY = "2000000001";
    private static final String SOLAR = "2000000002";
    private static final String GAS = "2000000003";
    private static final List<UsagePointSpec> POINTS = List.of(
            UsagePointSpec.electric(HOURLY, 3600), UsagePointSpec.solar(SOLAR, 900), UsagePointSpec.gas(GAS));
    private static final UsageModel MODEL = new UsageModel(7L, POINTS);

    @Test
    void anyWindowGivesTheSameValuesAsTheWindowsThatSplitIt() {
        Instant from = Instant.parse("2024-10-30T11:00:00Z");
        Instant split = Instant.parse("2024-11-03T09:30:00Z");
        Instant to = Instant.parse("2024-11-06T02:00:00Z");
        for (String id : List.of(HOURLY, SOLAR, GAS)) {
            List<TrueInterval> whole = MODEL.trueIntervals(id, from, to).toList();
            List<TrueInterval> pieces = Stream.concat(MODEL.trueIntervals(id, from, split),
                    new UsageModel(7L, POINTS).trueIntervals(id, split, to)).toList();
            assertThat(pieces).isEqualTo(whole).isNotEmpty();
        }
    }

    @Test
    void anotherSeedGivesAnotherHousehold() {
        Instant from = Instant.parse("2024-05-01T07:00:00Z");
        assertThat(new UsageModel(8L, POINTS).trueIntervals(HOURLY, from, from.plusSeconds(86400)).toList())
                .isNotEqualTo(MODEL.trueIntervals(HOURLY, from, from.plusSeconds(86400)).toList());
    }

    @Test
    void trueIntervalsStartInsideTheWindow() {
        Instant from = Instant.parse("2024-05-01T07:10:00Z");
        Instant to = Instant.parse("2024-05-01T09:00:00Z");
        assertThat(MODEL.trueIntervals(HOURLY, from, to)).extracting(TrueInterval::start)
                .containsExactly(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(MODEL.trueIntervals(SOLAR, from, to)).hasSize(2 * 7);
    }

    @Test
    void householdUsesMoreInTheEveningThanAtNightAndNeverNegative() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        BigDecimal night = BigDecimal.ZERO;
        BigDecimal evening = BigDecimal.ZERO;
        Instant from = start.atStartOfDay(UsageModel.PACIFIC).toInstant();
        for (TrueInterval interval : MODEL.trueIntervals(HOURLY, from, from.plusSeconds(365L * 86400)).toList()) {
            assertThat(interval.value().signum()).isNotNegative();
            int hour = interval.start().atZone(UsageModel.PACIFIC).getHour();
            if (hour >= 2 && hour < 5) {
                night = night.add(interval.value());
            } else if (hour >= 18 && hour < 21) {
                evening = evening.add(interval.value());
            }
        }
        assertThat(evening).isGreaterThan(night.multiply(BigDecimal.valueOf(2)));
        assertThat(night).isPositive();
    }

    @Test
    void solarExportsAroundMiddayAndNeverAtNight() {
        Instant from = LocalDate.of(2024, 6, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        List<TrueInterval> exports = MODEL.trueIntervals(SOLAR, from, from.plusSeconds(30L * 86400))
                .filter(t -> t.flow() == Flow.RECEIVED).toList();

        assertThat(exports).hasSize(30 * 96).allSatisfy(t -> {
            assertThat(t.cost()).isNull();
            int hour = t.start().atZone(UsageModel.PACIFIC).getHour();
            if (hour < 5 || hour >= 22) {
                assertThat(t.value().signum()).isZero();
            }
        });
        assertThat(exports.stream().filter(t -> t.start().atZone(UsageModel.PACIFIC).getHour() == 13)
                .filter(t -> t.value().signum() > 0)).hasSizeGreaterThan(4 * 25);
    }

    @Test
    void gasIsDailyFromLocalMidnightPlusOneSecondAndHigherInWinter() {
        Instant january = LocalDate.of(2024, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        Instant july = LocalDate.of(2024, 7, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        List<TrueInterval> winter = MODEL.trueIntervals(GAS, january, january.plusSeconds(31L * 86400)).toList();
        List<TrueInterval> summer = MODEL.trueIntervals(GAS, july, july.plusSeconds(31L * 86400)).toList();

        assertThat(winter).hasSize(31).allSatisfy(t -> {
            ZonedDateTime local = t.start().atZone(UsageModel.PACIFIC);
            assertThat(local.toLocalTime()).hasToString("00:00:01");
            assertThat(t.durationSeconds()).isEqualTo(86400);
            assertThat(t.unit()).isEqualTo("therm");
            assertThat(t.value().scale()).isEqualTo(8);
            assertThat(t.tou()).isNull();
            assertThat(t.cost()).isNotNull();
        });
        assertThat(sum(winter)).isGreaterThan(sum(summer).multiply(BigDecimal.valueOf(2)));
    }

    @Test
    void gasDayAcrossFallBackLasts90000Seconds() {
        Instant from = LocalDate.of(2024, 11, 3).atStartOfDay(UsageModel.PACIFIC).toInstant();
        assertThat(MODEL.trueIntervals(GAS, from, from.plusSeconds(3600)))
                .singleElement().extracting(TrueInterval::durationSeconds).isEqualTo(90000);
    }

    @Test
    void electricCostFollowsTouTiers() {
        Instant from = LocalDate.of(2024, 8, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        assertThat(MODEL.trueIntervals(HOURLY, from, from.plusSeconds(86400)).toList()).allSatisfy(t -> {
            int hour = t.start().atZone(UsageModel.PACIFIC).getHour();
            assertThat(t.tou()).isEqualTo(hour >= 16 && hour < 21 ? 1 : 2);
            BigDecimal rate = t.tou() == 1 ? new BigDecimal("0.52") : new BigDecimal("0.41");
            assertThat(t.cost()).isEqualByComparingTo(t.value().multiply(rate).setScale(5, java.math.RoundingMode.HALF_UP));
            assertThat(t.unit()).isEqualTo("kWh");
        });
    }

    @Test
    void correctionChangesOnlyThatIntervalAndEveryCorrectionAgain() {
        Instant start = Instant.parse("2024-09-09T19:00:00Z");
        Instant from = start.minusSeconds(7200);
        Instant to = start.plusSeconds(7200);
        UsageModel once = MODEL.withCorrection(SOLAR, start);
        UsageModel twice = once.withCorrection(SOLAR, start);

        List<TrueInterval> original = MODEL.trueIntervals(SOLAR, from, to).toList();
        List<TrueInterval> corrected = once.trueIntervals(SOLAR, from, to).toList();
        assertThat(corrected).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            if (original.get(i).start().equals(start)) {
                continue;
            }
            assertThat(corrected.get(i)).isEqualTo(original.get(i));
        }
        assertThat(netAt(corrected, start)).isNotEqualByComparingTo(netAt(original, start));
        assertThat(netAt(twice.trueIntervals(SOLAR, from, to).toList(), start))
                .isNotEqualByComparingTo(netAt(corrected, start));
        assertThat(twice.revision(SOLAR, start)).isEqualTo(2);
        assertThat(MODEL.revision(SOLAR, start)).isZero();
    }

    @Test
    void aMeteredPointPublishesTheMetersCountsAtAResolutionOfATenthOfAWattHour() {
        // a meter drawing 1000 W + 1 W per minute of the day and sending back 250.05 W on average in the afternoon
        MeteredEnergy meter = (from, to) -> {
            long drawn = 0;
            long sent = 0;
            for (long s = from.getEpochSecond(); s < to.getEpochSecond(); s++) {
                int minuteOfDay = (int) Math.floorMod(s / 60, 1440);
                drawn += 1000 + minuteOfDay;
                sent += minuteOfDay >= 20 * 60 && s % 20 == 0 ? 5001 : 0;
            }
            return new MeteredEnergy.Counted(drawn, sent);
        };
        UsageModel metered = MODEL.withMeter(SOLAR, meter);
        Instant from = Instant.parse("2024-06-01T00:00:00Z");
        List<TrueInterval> intervals = metered.trueIntervals(SOLAR, from, from.plusSeconds(86400)).toList();

        assertThat(intervals).hasSize(2 * 96);
        for (TrueInterval interval : intervals) {
            int firstMinute = (int) Math.floorMod(interval.start().getEpochSecond() / 60, 1440);
            // hand computation: 15 minutes of 60 s at 1000 + m W; an afternoon quarter hour sends 45 × 5001 W·s
            double drawnWh = 15 * 60 * 1000 / 3600.0 + 60 * (15 * firstMinute + 105) / 3600.0;
            double sentWh = firstMinute >= 20 * 60 ? 45 * 5001 / 3600.0 : 0;
            BigDecimal expectedKwh = BigDecimal.valueOf(Math.round((interval.flow() == Flow.DELIVERED ? drawnWh : sentWh) * 10), 4);
            assertThat(interval.value()).as("%s %s", interval.flow(), interval.start()).isEqualByComparingTo(expectedKwh);
        }
        assertThat(metered.trueIntervals(HOURLY, from, from.plusSeconds(3600)).toList())
                .as("the other points keep their own households").isEqualTo(MODEL.trueIntervals(HOURLY, from, from.plusSeconds(3600)).toList());
        TrueInterval first = intervals.get(0);
        assertThat(metered.withCorrection(SOLAR, first.start()).trueIntervals(SOLAR, first.start(), first.end()).findFirst().orElseThrow()
                .value()).as("a corrected interval is re-metered").isNotEqualByComparingTo(first.value());
        assertThatThrownBy(() -> MODEL.withMeter(GAS, meter)).hasMessageContaining("not electric");
    }

    @Test
    void correctionMustNameAnIntervalStart() {
        assertThatThrownBy(() -> MODEL.withCorrection(HOURLY, Instant.parse("2024-09-09T19:30:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.withCorrection(GAS, Instant.parse("2024-09-09T07:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MODEL.withCorrection(GAS, Instant.parse("2024-09-09T07:00:01Z")).revision(GAS,
                Instant.parse("2024-09-09T07:00:01Z"))).isEqualTo(1);
    }

    @Test
    void coveredDaysAreWholeLocalDaysIncludingTheDayTheWindowEnds() {
        Instant midnight = LocalDate.of(2024, 2, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        assertThat(MODEL.coveredDays(midnight, midnight.plusSeconds(86400)))
                .containsExactly(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 2));
        assertThat(MODEL.coveredDays(midnight, midnight)).isEmpty();
        assertThatThrownBy(() -> MODEL.coveredDays(midnight, midnight.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void availableDataEndsWithTheLastWholeDay() {
        Instant now = Instant.parse("2024-06-15T18:00:00Z");
        UsageModel available = MODEL.withAvailableData(now.minusSeconds(30L * 86400), now);

        assertThat(available.coveredDays(now.minusSeconds(40L * 86400), now.plusSeconds(86400)))
                .startsWith(LocalDate.of(2024, 5, 16)).endsWith(LocalDate.of(2024, 6, 14));
    }

    @Test
    void specsAreValidated() {
        assertThatThrownBy(() -> UsagePointSpec.electric("123", 3600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsagePointSpec.electric("1234567890", 1800)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsagePointSpec("1234567890", Commodity.GAS, 86400, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageModel(1L, List.of(UsagePointSpec.gas("1234567890"),
                UsagePointSpec.gas("1234567890")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.trueIntervals("0000000000", Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingTypeIdsArePgesBase64() {
        assertThat(ReadingType.of(UsagePointSpec.electric(HOURLY, 3600), Flow.DELIVERED).id())
                .isEqualTo("NzI6bnVsbDozNjAwOjE=");
        assertThat(ReadingType.of(UsagePointSpec.gas(GAS), Flow.DELIVERED).id()).isEqualTo("MTY5Om51bGw6ODY0MDA6MQ==");
    }

    private static BigDecimal netAt(List<TrueInterval> intervals, Instant start) {
        return intervals.stream().filter(t -> t.start().equals(start))
                .map(t -> t.flow() == Flow.DELIVERED ? t.value() : t.value().negate())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal sum(List<TrueInterval> intervals) {
        return intervals.stream().map(TrueInterval::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
