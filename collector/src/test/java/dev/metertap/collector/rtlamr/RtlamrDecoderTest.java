package dev.metertap.collector.rtlamr;

import dev.metertap.collector.reading.AmrIntervalReading;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** rtlamr's JSON lines (field names as rtlamr 0.9.x writes them) to the data model's amr_ series; times worked out by hand. */
class RtlamrDecoderTest {

    private static final String SCM = "{\"Time\":\"2026-03-01T10:00:03.123456789-08:00\",\"Offset\":0,\"Length\":0,\"Type\":\"SCM\","
            + "\"Message\":{\"ID\":31415926,\"Type\":12,\"TamperPhy\":0,\"TamperEnc\":1,\"Consumption\":%d,\"ChecksumVal\":17767}}";
    private static final String SCM_PLUS = "{\"Time\":\"2026-03-01T18:00:09Z\",\"Offset\":0,\"Length\":0,\"Type\":\"SCM+\","
            + "\"Message\":{\"FrameSync\":5795,\"ProtocolID\":30,\"EndpointType\":156,\"EndpointID\":71234567,"
            + "\"Consumption\":2345,\"Tamper\":2312,\"PacketCRC\":48354}}";
    private static final String R900 = "{\"Time\":\"2026-03-01T18:00:10Z\",\"Offset\":0,\"Length\":0,\"Type\":\"R900\","
            + "\"Message\":{\"ID\":1550000123,\"Unkn1\":163,\"NoUse\":0,\"BackFlow\":0,\"Consumption\":12011,\"Unkn3\":0,\"Leak\":2,\"LeakNow\":0}}";

    private final RtlamrDecoder every = new RtlamrDecoder(MeterChoice.EVERY_METER);

    @Test
    void scmBecomesATotalAtRtlamrsTime() {
        assertThat(lines(every.acceptLine(SCM.formatted(1234567)))).containsExactly(
                "amr_consumption,meter_id=31415926,msg_type=SCM,ert_type=12 consumption=1234567i 1772388003");
    }

    @Test
    void scmPlusAndR900NameTheirMeterByTheirOwnFields() {
        assertThat(lines(every.acceptLine(SCM_PLUS))).containsExactly(
                "amr_consumption,meter_id=71234567,msg_type=SCM+,ert_type=156 consumption=2345i 1772388009");
        assertThat(lines(every.acceptLine(R900))).containsExactly(
                "amr_consumption,meter_id=1550000123,msg_type=R900,ert_type=163 consumption=12011i 1772388010");
    }

    @Test
    void aRepeatedTotalIsStoredOnceAndATotalNeverGoesBackwards() {
        assertThat(every.acceptLine(SCM.formatted(100))).hasSize(1);
        assertThat(every.acceptLine(SCM.formatted(100))).isEmpty();
        assertThat(every.acceptLine(SCM.formatted(99))).isEmpty();
        assertThat(every.acceptLine(SCM.formatted(101))).hasSize(1);
        RtlamrStats stats = every.stats();
        assertThat(stats.messages()).isEqualTo(4);
        assertThat(stats.repeats()).isEqualTo(1);
        assertThat(stats.backwards()).isEqualTo(1);
        assertThat(stats.readings()).isEqualTo(2);
    }

    @Test
    void anScmTotalWrappingPast24BitsIsStoredNotRefused() {
        assertThat(every.acceptLine(SCM.formatted(16_777_200))).hasSize(1);
        assertThat(every.acceptLine(SCM.formatted(16_777_100))).as("a small drop is a misread").isEmpty();
        assertThat(lines(every.acceptLine(SCM.formatted(12)))).containsExactly(
                "amr_consumption,meter_id=31415926,msg_type=SCM,ert_type=12 consumption=12i 1772388003");
        assertThat(every.stats().backwards()).isEqualTo(1);
    }

    @Test
    void idmIntervalsAreTimedWhenTheMeterClosedThem() {
        // 10:00:03.5 −08:00 less 56/16 s = 18:00:00Z closed interval 200; index 2 closed at 17:50:00Z as interval 198
        List<Reading> readings = every.acceptLine(idm("2026-03-01T10:00:03.5-08:00", 56, 200, 500_000, 7));
        assertThat(readings).hasSize(1 + 47);
        assertThat(LineProtocol.encode(readings.get(0).toPoint()))
                .isEqualTo("amr_consumption,meter_id=55123456,msg_type=IDM,ert_type=7 consumption=500000i 1772388003");
        AmrIntervalReading newest = (AmrIntervalReading) readings.get(1);
        assertThat(newest.time()).isEqualTo(Instant.parse("2026-03-01T18:00:00Z"));
        assertThat(newest.interval()).isEqualTo(200);
        assertThat(newest.consumption()).isEqualTo(7);
        AmrIntervalReading third = (AmrIntervalReading) readings.get(3);
        assertThat(third.time()).isEqualTo(Instant.parse("2026-03-01T17:50:00Z"));
        assertThat(third.interval()).isEqualTo(198);
        assertThat(third.consumption()).isEqualTo(9);
        assertThat(((AmrIntervalReading) readings.get(47)).time()).isEqualTo(Instant.parse("2026-03-01T14:10:00Z"));
    }

    @Test
    void anIntervalHeardAgainIsStoredOnceAndTheCounterWrapsAt256() {
        assertThat(every.acceptLine(idm("2026-03-01T18:00:03.5Z", 56, 255, 1000, 7))).hasSize(48);
        // 30 s later, the same interval again, a few milliseconds off
        assertThat(every.acceptLine(idm("2026-03-01T18:00:33.504Z", 536, 255, 1000, 7))).isEmpty();
        // the counter stepped: one new interval, counter 0, and the total that includes it
        List<Reading> next = every.acceptLine(idm("2026-03-01T18:05:01Z", 16, 0, 1006, 6));
        assertThat(lines(next)).containsExactly(
                "amr_consumption,meter_id=55123456,msg_type=IDM,ert_type=7 consumption=1006i 1772388301",
                "amr_interval,meter_id=55123456,msg_type=IDM,ert_type=7 consumption=6i,interval=0i 1772388300");
    }

    @Test
    void aRestartedDecoderTakesUpFromWhatWasStored() {
        List<dev.metertap.collector.reading.Point> stored = new java.util.ArrayList<>();
        every.acceptLine(SCM.formatted(100)).forEach(r -> stored.add(r.toPoint()));
        every.acceptLine(idm("2026-03-01T18:00:03.5Z", 56, 10, 1000, 7)).forEach(r -> stored.add(r.toPoint()));
        RtlamrDecoder restarted = new RtlamrDecoder(MeterChoice.EVERY_METER);
        restarted.resumeFrom(stored);
        assertThat(restarted.acceptLine(SCM.formatted(100))).as("unchanged total").isEmpty();
        assertThat(restarted.acceptLine(SCM.formatted(99))).as("below the stored total").isEmpty();
        // the same intervals heard a second and a bit later still: nothing new but the counter's next interval
        assertThat(lines(restarted.acceptLine(idm("2026-03-01T18:05:04.9Z", 78, 11, 1006, 6)))).containsExactly(
                "amr_consumption,meter_id=55123456,msg_type=IDM,ert_type=7 consumption=1006i 1772388304",
                "amr_interval,meter_id=55123456,msg_type=IDM,ert_type=7 consumption=6i,interval=11i 1772388300");
    }

    @Test
    void netIdmCarriesGenerationAndNet() {
        String line = "{\"Time\":\"2026-03-01T18:00:01Z\",\"Offset\":0,\"Length\":0,\"Type\":\"NetIDM\",\"Message\":{"
                + "\"Preamble\":1431639715,\"ProtocolID\":28,\"PacketLength\":92,\"HammingCode\":198,\"ApplicationVersion\":4,"
                + "\"ERTType\":8,\"ERTSerialNumber\":77000001,\"ConsumptionIntervalCount\":32,\"ProgrammingState\":95,"
                + "\"LastGeneration\":670,\"LastConsumption\":44,\"LastConsumptionNet\":441,"
                + "\"DifferentialConsumptionIntervals\":" + intervals(27, 3) + ",\"TransmitTimeOffset\":16,"
                + "\"SerialNumberCRC\":1234,\"PacketCRC\":4321}}";
        List<Reading> readings = every.acceptLine(line);
        assertThat(readings).hasSize(28);
        assertThat(LineProtocol.encode(readings.get(0).toPoint())).isEqualTo(
                "amr_consumption,meter_id=77000001,msg_type=NetIDM,ert_type=8 consumption=44i,generation=670i,consumption_net=441i 1772388001");
        assertThat(LineProtocol.encode(readings.get(1).toPoint())).isEqualTo(
                "amr_interval,meter_id=77000001,msg_type=NetIDM,ert_type=8 consumption=3i,interval=32i 1772388000");
    }

    @Test
    void othersAreCountedNotStored() {
        RtlamrDecoder mine = new RtlamrDecoder(new MeterChoice(Set.of(71234567L), false));
        assertThat(mine.acceptLine(SCM.formatted(5))).isEmpty();
        assertThat(mine.acceptLine(SCM_PLUS)).hasSize(1);
        assertThat(mine.stats().othersHeard()).isEqualTo(1);
        assertThat(mine.stats().heardMeters()).containsEntry(31415926L, 1L).containsEntry(71234567L, 1L);
    }

    @Test
    void linesThatAreNotRtlamrAreCountedAndSkipped() {
        List<String> bad = List.of(
                "Found Rafael Micro R820T tuner",
                "{\"Time\":\"2026-03-01T18:00:01Z\"}",
                "[1,2,3]",
                "{\"Time\":\"yesterday\",\"Type\":\"SCM\",\"Message\":{}}",
                SCM.replace("\"SCM\"", "\"GLONASS\"").formatted(1),
                SCM.replace("31415926", "0").formatted(1),
                SCM.formatted(16_777_216),
                SCM.replace("\"Consumption\":%d", "\"Consumption\":\"12\"").formatted(),
                SCM.replace("\"Consumption\":%d", "\"Consumption\":1.5").formatted(),
                idm("2026-03-01T18:00:01Z", 0, 1, 1, 1).replace("[1,", "["),
                "");
        for (String line : bad) {
            assertThat(every.acceptLine(line)).as(line).isEmpty();
        }
        assertThat(every.stats().notRtlamr()).isEqualTo(bad.size());
        assertThat(every.stats().messages()).isZero();
        assertThat(every.acceptLine(SCM.formatted(1))).hasSize(1);
    }

    private static String idm(String time, int transmitTimeOffset, int count, long total, int newest) {
        // interval index i holds newest + i, so that each index is told apart
        String values = IntStream.range(0, 47).mapToObj(i -> Integer.toString(newest + i)).collect(Collectors.joining(",", "[", "]"));
        return "{\"Time\":\"" + time + "\",\"Offset\":0,\"Length\":0,\"Type\":\"IDM\",\"Message\":{\"Preamble\":1431639715,"
                + "\"PacketTypeID\":28,\"PacketLength\":92,\"HammingCode\":198,\"ApplicationVersion\":4,\"ERTType\":7,"
                + "\"ERTSerialNumber\":55123456,\"ConsumptionIntervalCount\":" + count + ",\"ModuleProgrammingState\":188,"
                + "\"TamperCounters\":\"AQIDBAUG\",\"AsynchronousCounters\":0,\"PowerOutageFlags\":\"AAAAAAAA\","
                + "\"LastConsumptionCount\":" + total + ",\"DifferentialConsumptionIntervals\":" + values
                + ",\"TransmitTimeOffset\":" + transmitTimeOffset + ",\"SerialNumberCRC\":38553,\"PacketCRC\":4981}}";
    }

    private static String intervals(int count, int value) {
        return Collections.nCopies(count, Integer.toString(value)).stream().collect(Collectors.joining(",", "[", "]"));
    }

    private static List<String> lines(List<Reading> readings) {
        return readings.stream().map(r -> LineProtocol.encode(r.toPoint())).toList();
    }
}
