package dev.metertap.collector.emu2.wire;

import dev.metertap.collector.emu2.frame.Fragment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One example of every notification in the reference, and the rejections. */
class Emu2ParserTest {

    private static final String IDS = "<DeviceMacId>0xd8d5b90000001234</DeviceMacId><MeterMacId>0x00135003004f5a6b</MeterMacId>";
    private static final MacId DEVICE = new MacId(0xd8d5b90000001234L);
    private static final MacId METER = new MacId(0x00135003004f5a6bL);
    private final Emu2Parser parser = new Emu2Parser();

    private Emu2Message parse(String xml) throws RejectedFragmentException {
        return parser.parse(Fragment.of(xml));
    }

    @Test
    void currentPeriodUsage() throws Exception {
        var usage = (CurrentPeriodUsage) parse("<CurrentPeriodUsage>" + IDS + "<TimeStamp>0x2dedc9c0</TimeStamp>"
                + "<CurrentUsage>0x00000000000004d2</CurrentUsage><Multiplier>0x00000001</Multiplier><Divisor>0x000003e8</Divisor>"
                + "<DigitsRight>0x03</DigitsRight><DigitsLeft>0x06</DigitsLeft><SuppressLeadingZero>Y</SuppressLeadingZero>"
                + "<StartDate>0x2deb0000</StartDate></CurrentPeriodUsage>");
        assertThat(usage.usageKwh()).isEqualTo(new BigDecimal("1.234"));
        assertThat(usage.startDate()).isEqualTo(new Emu2Time(0x2deb0000L));
    }

    @Test
    void lastPeriodUsageHasNoTimeStamp() throws Exception {
        var usage = (LastPeriodUsage) parse("<LastPeriodUsage>" + IDS + "<LastUsage>0x0000000000002710</LastUsage>"
                + "<Multiplier>0x00000003</Multiplier><Divisor>0x000003e8</Divisor><StartDate>0x2de00000</StartDate>"
                + "<EndDate>0x2deb0000</EndDate></LastPeriodUsage>");
        assertThat(usage.usageKwh()).as("an Itron meter's Multiplier 3").isEqualTo(new BigDecimal("30.000"));
        assertThat(usage.format()).isEmpty();
    }

    @Test
    void timeClusterKeepsLocalTimeAsWallClock() throws Exception {
        var time = (TimeCluster) parse("<TimeCluster>" + IDS + "<UTCTime>0x2dedc9c0</UTCTime><LocalTime>0x2ded5940</LocalTime></TimeCluster>");
        assertThat(time.utcTime().instant()).contains(Instant.parse("2024-06-01T12:00:00Z"));
        assertThat(time.localTime().wallClock()).contains(LocalDateTime.parse("2024-06-01T04:00:00"));
        assertThat(time.localTime().offsetFrom(time.utcTime())).contains(ZoneOffset.ofHours(-8));
    }

    @Test
    void connectionStatusWhileRejoining() throws Exception {
        var status = (ConnectionStatus) parse("<ConnectionStatus>" + IDS + "<Status>Rejoining</Status><LinkStrength>0x00</LinkStrength></ConnectionStatus>");
        assertThat(status.status()).isEqualTo("Rejoining");
        assertThat(status.linkStrength()).isZero();
        assertThat(status.isConnected()).isFalse();
    }

    @Test
    void scheduleInfo() throws Exception {
        var schedule = (ScheduleInfo) parse("<ScheduleInfo>" + IDS + "<Mode>default</Mode><Event>demand</Event>"
                + "<Frequency>0x0000000a</Frequency><Enabled>Y</Enabled></ScheduleInfo>");
        assertThat(schedule).isEqualTo(new ScheduleInfo(DEVICE, Optional.of(METER), Optional.of("default"), "demand",
                Duration.ofSeconds(10), true));
    }

    @Test
    void meterListWithTwoMeters() throws Exception {
        var list = (MeterList) parse("<MeterList><DeviceMacId>0xd8d5b90000001234</DeviceMacId>"
                + "<MeterMacId>0x00135003004f5a6b</MeterMacId><MeterMacId>0x001c640000000042</MeterMacId></MeterList>");
        assertThat(list.meters()).containsExactly(METER, new MacId(0x001c640000000042L));
    }

    @Test
    void profileDataNewestFirst() throws Exception {
        var profile = (ProfileData) parse("<ProfileData>" + IDS + "<EndTime>0x2dedc9c0</EndTime><Status>0x00</Status>"
                + "<ProfileIntervalPeriod>0x03</ProfileIntervalPeriod><NumberOfPeriodsDelivered>0x02</NumberOfPeriodsDelivered>"
                + "<IntervalData>0x000001f4</IntervalData><IntervalData>0x000000fa</IntervalData></ProfileData>");
        assertThat(profile.intervalData()).containsExactly(500L, 250L);
        assertThat(profile.profileIntervalPeriod()).isEqualTo(3);
    }

    @Test
    void blockPriceDetail() throws Exception {
        var blocks = (BlockPriceDetail) parse("<BlockPriceDetail>" + IDS + "<TimeStamp>0x2dedc9c0</TimeStamp>"
                + "<NumberOfBlocks>0x02</NumberOfBlocks><Multiplier>0x00000001</Multiplier><Divisor>0x000003e8</Divisor>"
                + "<Currency>0x0348</Currency><TrailingDigits>0x03</TrailingDigits><Threshold1>0x00000000000186a0</Threshold1>"
                + "<Price1>0x0000013b</Price1><Price2>0x000001c2</Price2></BlockPriceDetail>");
        assertThat(blocks.thresholds()).containsExactly(100_000L);
        assertThat(blocks.prices()).containsExactly(315L, 450L);
    }

    @Test
    void errorAndUnknownRoots() throws Exception {
        assertThat(parse("<Error><Text>Bad frame</Text></Error>")).isEqualTo(new DeviceError("Bad frame"));
        assertThat(parse("<FastPollStatus><DeviceMacId>0x01</DeviceMacId><Frequency>0x04</Frequency></FastPollStatus>"))
                .isEqualTo(new UnknownFragment("FastPollStatus", List.of(
                        new UnknownFragment.Child("DeviceMacId", "0x01"), new UnknownFragment.Child("Frequency", "0x04"))));
    }

    @Test
    void rejectsWhatCannotBeMeaningful() {
        assertThatThrownBy(() -> parse("<ConnectionStatus>" + IDS + "<Status>Connected</Status><LinkStrength>0x65</LinkStrength></ConnectionStatus>"))
                .hasMessageContaining("LinkStrength is over 100 %");
        assertThatThrownBy(() -> parse("<MessageCluster>" + IDS + "<TimeStamp>0x2dedc9c0</TimeStamp><Id>1</Id><Text>x</Text>"
                + "<ConfirmationRequired>maybe</ConfirmationRequired><Confirmed>N</Confirmed></MessageCluster>"))
                .hasMessageContaining("ConfirmationRequired must be Y or N");
        assertThatThrownBy(() -> parse("<InstantaneousDemand>" + IDS + "<TimeStamp>0x2dedc9c0</TimeStamp>"
                + "<Demand>0x1234567890</Demand><Multiplier>0x1</Multiplier><Divisor>0x1</Divisor></InstantaneousDemand>"))
                .hasMessageContaining("Demand has more than 32 bits");
        assertThatThrownBy(() -> parse("<InstantaneousDemand>" + IDS + "<TimeStamp>1234</TimeStamp>"
                + "<Demand>0x1</Demand><Multiplier>0x1</Multiplier><Divisor>0x1</Divisor></InstantaneousDemand>"))
                .hasMessageContaining("TimeStamp is not hex");
    }
}
