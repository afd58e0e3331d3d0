package dev.metertap.collector.pge.download;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.espi.EspiSummary;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.IntervalReading.Commodity;
import dev.metertap.collector.reading.IntervalReading.Flow;
import dev.metertap.collector.reading.IntervalReading.Unit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each layout of PG&amp;E's Download My Data CSV, from small hand-made fixtures whose expected UTC starts are worked
 * out by hand in the comments: Pacific is UTC-7 in daylight time (PDT) and UTC-8 in standard time (PST); in 2024
 * the clocks went forward at 02:00 on 10 March and back at 02:00 on 3 November.
 */
class DownloadCsvParserTest {

    private static final String METER = "5550000301";
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    @Test
    void hourlyElectricWithPreambleAndIsoDatesOnTheFallBackDayHasItsRepeatedHourFirstInDaylightThenStandardTime()
            throws IOException {
        List<IntervalReading> read = parse("electric-hourly-iso-fall-back-with-preamble.csv");

        assertThat(read).containsExactly(
                electric(3600, "2024-11-03T07:00:00Z", "0.41", "0.12"),  // 00:00 PDT
                electric(3600, "2024-11-03T08:00:00Z", "0.38", "0.11"),  // 01:00 PDT
                electric(3600, "2024-11-03T09:00:00Z", "0.36", "0.10"),  // 01:00 again, PST
                electric(3600, "2024-11-03T10:00:00Z", "0.35", "0.10")); // 02:00 PST
    }

    @Test
    void fifteenMinuteElectricWithIsoDatesOnTheSpringForwardDaySkipsFromOneFortyFiveToThree() throws IOException {
        assertThat(parse("electric-15-minute-iso-spring-forward.csv")).containsExactly(
                electric(900, "2024-03-10T09:30:00Z", "0.10", "0.03"),  // 01:30 PST
                electric(900, "2024-03-10T09:45:00Z", "0.11", "0.03"),  // 01:45 PST
                electric(900, "2024-03-10T10:00:00Z", "0.12", "0.04"),  // 03:00 PDT
                electric(900, "2024-03-10T10:15:00Z", "0.13", "0.04")); // 03:15 PDT
    }

    @Test
    void hourlyElectricInTheOlderHeaderWithUsDatesByteOrderMarkAndCrlfOnTheSpringForwardDay() throws IOException {
        assertThat(parse("electric-hourly-us-dates-spring-forward-bom-crlf.csv")).containsExactly(
                electric(3600, "2024-03-10T08:00:00Z", "0.52", "0.16"),  // 0:00 PST
                electric(3600, "2024-03-10T09:00:00Z", "0.48", "0.15"),  // 1:00 PST
                electric(3600, "2024-03-10T10:00:00Z", "0.45", "0.14"),  // 3:00 PDT
                electric(3600, "2024-03-10T11:00:00Z", "0.44", "-0.02")); // 4:00 PDT, a credit
    }

    @Test
    void fifteenMinuteElectricInTheOlderHeaderOnTheFallBackDayListsTheRepeatedHourTwice() throws IOException {
        assertThat(parse("electric-15-minute-us-dates-fall-back.csv")).containsExactly(
                electric(900, "2024-11-03T08:00:00Z", "0.09", "0.03"),  // 01:00 PDT
                electric(900, "2024-11-03T08:15:00Z", "0.08", "0.02"),
                electric(900, "2024-11-03T08:30:00Z", "0.07", "0.02"),
                electric(900, "2024-11-03T08:45:00Z", "0.06", "0.02"),
                electric(900, "2024-11-03T09:00:00Z", "0.05", "0.01"),  // 01:00 PST
                electric(900, "2024-11-03T09:15:00Z", "0.04", "0.01"),
                electric(900, "2024-11-03T09:30:00Z", "0.03", "0.01"),
                electric(900, "2024-11-03T09:45:00Z", "0.02", "0.01"),
                electric(900, "2024-11-03T10:00:00Z", "0.01", "0.00")); // 02:00 PST, a row without NOTES
    }

    @Test
    void solarRowsGiveADeliveredReadingWithTheCostAndAReceivedOneWithout() throws IOException {
        assertThat(parse("solar-import-export-hourly-fall-back.csv")).containsExactly(
                electric(3600, "2024-11-03T08:00:00Z", "0.30", "0.09"),  // 01:00 PDT
                received(3600, "2024-11-03T08:00:00Z", "0.00"),
                electric(3600, "2024-11-03T09:00:00Z", "0.25", "0.08"),  // 01:00 PST
                received(3600, "2024-11-03T09:00:00Z", "0.00"),
                electric(3600, "2024-11-03T20:00:00Z", "0.00", "-0.42"), // 12:00 PST
                received(3600, "2024-11-03T20:00:00Z", "1.75"));
    }

    @Test
    void dailyGasStartsAtLocalMidnightPlusOneSecondAndLastsTheLocalDayAsShareMyDataSendsIt() throws IOException {
        assertThat(parse("gas-daily-therms-dst-days.csv")).containsExactly(
                gas(82_800, "2024-03-10T08:00:01Z", "1.02", "2.31"), // 23 hours: midnight PST to midnight PDT
                gas(86_400, "2024-11-02T07:00:01Z", "1.10", "2.45"),
                gas(90_000, "2024-11-03T07:00:01Z", "1.21", "2.70"), // 25 hours: midnight PDT to midnight PST
                gas(86_400, "2024-11-04T08:00:01Z", "0.98", "1002.19"));
    }

    @Test
    void localTimesAreReadInTheZoneGiven() throws IOException {
        // New York: EDT is UTC-4, EST UTC-5, and its clocks went back the same night
        assertThat(parse("electric-hourly-iso-fall-back-with-preamble.csv", ZoneId.of("America/New_York")))
                .extracting(IntervalReading::start).containsExactly(Instant.parse("2024-11-03T04:00:00Z"),
                        Instant.parse("2024-11-03T05:00:00Z"), Instant.parse("2024-11-03T06:00:00Z"),
                        Instant.parse("2024-11-03T07:00:00Z"));
    }

    @Test
    void theWindowClipsAndTheSummaryCounts() throws IOException {
        List<IntervalReading> read = new ArrayList<>();
        EspiSummary summary;
        try (InputStream in = fixture("electric-hourly-iso-fall-back-with-preamble.csv")) {
            summary = new DownloadCsvParser(PACIFIC).parse(in, METER, Optional.of(new TimeWindow(
                    Instant.parse("2024-11-03T08:00:00Z"), Instant.parse("2024-11-03T10:00:00Z"))), read::add);
        }
        assertThat(read).extracting(IntervalReading::start).containsExactly(Instant.parse("2024-11-03T08:00:00Z"),
                Instant.parse("2024-11-03T09:00:00Z"));
        assertThat(summary.readings()).isEqualTo(2);
        assertThat(summary.clippedAway()).isEqualTo(2);
        assertThat(summary.usagePoints()).containsExactly(METER);
        assertThat(summary.earliest()).contains(Instant.parse("2024-11-03T08:00:00Z"));
    }

    @Test
    void anUnknownLayoutNamesTheColumnsFound() {
        assertRefused("""
                Name,JANE Q HOMEOWNER

                TYPE,START DATE,END DATE,USAGE,UNITS,COST,NOTES
                Electric usage,2024-10-01,2024-10-31,412,kWh,$130.02,
                """, "an unknown Green Button CSV layout: its columns are TYPE, START DATE, END DATE, USAGE, UNITS, "
                + "COST, NOTES; metertap reads TYPE, DATE, START TIME, END TIME, then USAGE and UNITS, or USAGE (kWh), "
                + "or IMPORT (kWh) and EXPORT (kWh), then COST, NOTES");
    }

    @Test
    void aFileWithoutAHeaderNamesItsFirstColumns() {
        assertRefused("time,kwh\n2024-10-01T00:00,0.5\n", "not a Green Button CSV: no header starting with TYPE in its "
                + "first 20 lines (the first has the columns time, kwh); metertap reads TYPE, DATE, START TIME, "
                + "END TIME, then USAGE and UNITS, or USAGE (kWh), or IMPORT (kWh) and EXPORT (kWh), then COST, NOTES");
    }

    @Test
    void aBadLineIsNamedByItsNumber() {
        String header = "Name,J\nAccount Number,1\n\nTYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\n";
        String good = "Electric usage,2024-11-05,00:00,00:59,0.41,kWh,$0.12,\n";
        assertRefused(header + good + "Electric usage,2024-11-31,01:00,01:59,0.41,kWh,$0.12,\n",
                "line 6: DATE '2024-11-31' is not a date (2024-11-03 or 11/3/2024)");
        assertRefused(header + good + good + "Electric usage,2024-11-05,01:00,01:59,0.41,kWh,12 dollars,\n",
                "line 7: COST '12 dollars' is not an amount ($1.23)");
        assertRefused(header + "Electric usage,2024-11-05,01:00,01:59,,kWh,$0.12,\n", "line 5: USAGE is empty");
        assertRefused(header + "Electric usage,2024-11-05,01:00,01:59,0.4.1,kWh,$0.12,\n",
                "line 5: USAGE '0.4.1' is not a number (0.25)");
        assertRefused(header + "Electric usage,2024-11-05,25:00,01:59,0.41,kWh,$0.12,\n",
                "line 5: START TIME '25:00' is not a time of day (00:15)");
        assertRefused(header + "Electric usage,2024-11-05,01:00,00:59,0.41,kWh,$0.12,\n",
                "line 5: END TIME 00:59 is before START TIME 01:00");
        assertRefused(header + "Electric usage,2024-11-05,01:00,01:59,0.41,kWh\n",
                "line 5: 6 columns where the header has 8");
        assertRefused(header + "Electric usage,2024-11-05,01:00,01:59,0.41,therms,$0.12,\n",
                "line 5: electric usage in therms");
        assertRefused(header + "Water usage,2024-11-05,01:00,01:59,0.41,kWh,$0.12,\n",
                "line 5: TYPE 'Water usage' is neither electric nor gas usage");
        assertRefused(header + good + "Natural gas usage,2024-11-05,00:00,23:59,1.1,therms,$2.00,\n",
                "line 6: gas usage in a file of electric usage: import each service's download on its own, each "
                        + "with its own --usage-point");
    }

    @Test
    void aTimeTheClocksSkipAndAThirdRepeatOfTheFallBackHourAreRefused() {
        String header = "TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\n";
        assertRefused(header + "Electric usage,2024-03-10,02:00,02:59,0.41,kWh,$0.12,\n",
                "line 2: 02:00 on 2024-03-10 does not exist in America/Los_Angeles (the clocks skip it that night)");
        String repeated = "Electric usage,2024-11-03,01:00,01:59,0.41,kWh,$0.12,\n";
        assertRefused(header + repeated + repeated + repeated, "line 4: 01:00 on 2024-11-03 appears a third time "
                + "(the fall-back night has it twice: daylight time, then standard time)");
    }

    @Test
    void aLineLongerThanTheBoundIsRefusedWithItsNumber() {
        String header = "TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\n";
        assertRefused(header + "Electric usage,2024-11-05,00:00,00:59,0.41,kWh,$0.12," + "x".repeat(2_000) + "\n",
                "line 2 is longer than 1,024 characters: not a Green Button CSV");
    }

    @Test
    void moreLinesThanTheBoundAreRefused() {
        byte[] header = "TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\n".getBytes(StandardCharsets.US_ASCII);
        InputStream blankLines = new InputStream() { // the bound's worth of empty lines, never held in memory
            long left = DownloadCsvParser.MAX_LINES;

            @Override
            public int read() {
                return left-- > 0 ? '\n' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, left);
                if (n <= 0) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) '\n');
                left -= n;
                return n;
            }
        };
        InputStream csv = new SequenceInputStream(new ByteArrayInputStream(header), blankLines);

        assertThatThrownBy(() -> new DownloadCsvParser(PACIFIC).parse(csv, METER, Optional.empty(), r -> { }))
                .isInstanceOf(CsvException.class)
                .hasMessage("the file has more than 250,000 lines, more than metertap imports from one CSV "
                        + "(split it, or download a shorter period)");
    }

    @Test
    void aBinaryFileSaysSoOnOneLine() {
        assertRefused("\u0001\u0002\u0003,\u0004\n\u0005", "not a Green Button CSV: no header starting with TYPE in its "
                + "first 20 lines (the first has the columns ???, ?); metertap reads TYPE, DATE, START TIME, END TIME, "
                + "then USAGE and UNITS, or USAGE (kWh), or IMPORT (kWh) and EXPORT (kWh), then COST, NOTES");
    }

    private static void assertRefused(String csv, String reason) {
        List<IntervalReading> read = new ArrayList<>();
        assertThatThrownBy(() -> new DownloadCsvParser(PACIFIC).parse(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.ISO_8859_1)), METER, Optional.empty(), read::add))
                .isInstanceOf(CsvException.class).hasMessage(reason)
                .satisfies(e -> assertThat(((CsvException) e).reason()).doesNotContain("\n"));
    }

    private List<IntervalReading> parse(String fixture) throws IOException {
        return parse(fixture, PACIFIC);
    }

    private List<IntervalReading> parse(String fixture, ZoneId zone) throws IOException {
        List<IntervalReading> read = new ArrayList<>();
        try (InputStream in = fixture(fixture)) {
            new DownloadCsvParser(zone).parse(in, METER, Optional.empty(), read::add);
        }
        return read;
    }

    private InputStream fixture(String name) {
        InputStream in = getClass().getResourceAsStream("/download/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    private static IntervalReading electric(int seconds, String start, String kwh, String cost) {
        return new IntervalReading(METER, Commodity.ELECTRICITY, Flow.DELIVERED, Unit.KWH, seconds, Instant.parse(start),
                new BigDecimal(kwh), 0, new BigDecimal(cost), null);
    }

    private static IntervalReading received(int seconds, String start, String kwh) {
        return new IntervalReading(METER, Commodity.ELECTRICITY, Flow.RECEIVED, Unit.KWH, seconds, Instant.parse(start),
                new BigDecimal(kwh), 0, null, null);
    }

    private static IntervalReading gas(int seconds, String start, String therms, String cost) {
        return new IntervalReading(METER, Commodity.GAS, Flow.DELIVERED, Unit.THERM, seconds, Instant.parse(start),
                new BigDecimal(therms), 0, new BigDecimal(cost), null);
    }
}
