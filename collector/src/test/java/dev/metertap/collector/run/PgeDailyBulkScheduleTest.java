package dev.metertap.collector.run;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** When the daily PG&E request is next due: expected instants worked out by hand from the zones' offsets. */
class PgeDailyBulkScheduleTest {

    private static final LocalTime HALF_PAST_SIX = LocalTime.of(6, 30);
    private static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");

    private static Instant next(String now, LocalTime at, ZoneId zone) {
        return PgeDailyBulk.nextAfter(Instant.parse(now), at, zone).toInstant();
    }

    @Test
    void isTheNextLocalTimeInTheGivenZone() {
        // 14:00 UTC is 23:00 in Tokyo: today's 06:30 has passed there
        assertThat(next("2025-03-04T14:00:00Z", HALF_PAST_SIX, ZoneId.of("Asia/Tokyo"))).isEqualTo("2025-03-04T21:30:00Z");
        // and 06:00 in California (PST, UTC-8): today's 06:30 is still to come
        assertThat(next("2025-03-04T14:00:00Z", HALF_PAST_SIX, CALIFORNIA)).isEqualTo("2025-03-04T14:30:00Z");
        // exactly at the time: the next day's
        assertThat(next("2025-03-04T14:30:00Z", HALF_PAST_SIX, CALIFORNIA)).isEqualTo("2025-03-05T14:30:00Z");
    }

    @Test
    void staysAtTheLocalTimeAcrossBothDstChanges() {
        // after Saturday's 06:30 PST (14:30 UTC), Sunday 9 March 2025 is on PDT (UTC-7): 13:30 UTC, not 24 h later
        assertThat(next("2025-03-08T14:30:00Z", HALF_PAST_SIX, CALIFORNIA)).isEqualTo("2025-03-09T13:30:00Z");
        // after Saturday's 06:30 PDT (13:30 UTC), Sunday 2 November 2025 is on PST again: 14:30 UTC
        assertThat(next("2025-11-01T13:30:00Z", HALF_PAST_SIX, CALIFORNIA)).isEqualTo("2025-11-02T14:30:00Z");
    }

    @Test
    void aTimeInTheSkippedOrRepeatedHourIsTakenOnce() {
        // 02:30 does not exist on 9 March 2025 in California: 03:30 PDT (10:30 UTC)
        ZonedDateTime skipped = PgeDailyBulk.nextAfter(Instant.parse("2025-03-09T08:00:00Z"), LocalTime.of(2, 30), CALIFORNIA);
        assertThat(skipped.toInstant()).isEqualTo("2025-03-09T10:30:00Z");
        // 01:30 happens twice on 2 November 2025: the first (PDT, 08:30 UTC), and not again an hour later
        assertThat(next("2025-11-02T07:00:00Z", LocalTime.of(1, 30), CALIFORNIA)).isEqualTo("2025-11-02T08:30:00Z");
        assertThat(next("2025-11-02T08:30:00Z", LocalTime.of(1, 30), CALIFORNIA)).isEqualTo("2025-11-03T09:30:00Z");
    }
}
