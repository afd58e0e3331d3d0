package dev.metertap.simulator.device;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.Emu2SimulatorBuilder;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.journal.CommandEntry.Outcome;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class VirtualEmu2Test {

    private static final long SEED = 42;
    private final List<Emu2Simulator> started = new ArrayList<>();

    private Emu2Simulator start(Emu2SimulatorBuilder builder) throws IOException {
        Emu2Simulator sim = builder.manualTime().noPty().build().start();
        started.add(sim);
        return sim;
    }

    private Emu2Simulator start() throws IOException {
        return start(Emu2Simulator.builder().seed(SEED));
    }

    @AfterEach
    void closeAll() {
        started.forEach(Emu2Simulator::close);
    }

    private static FragmentEntry lastFragment(Emu2Simulator sim) {
        return sim.journal().last(FragmentEntry.class).orElseThrow();
    }

    private static CommandEntry lastCommand(Emu2Simulator sim) {
        return sim.journal().last(CommandEntry.class).orElseThrow();
    }

    @Test
    void answersADemandRefreshExactlyAsTheReferenceExample() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).deviceMacId(0xd8d5b90000001234L)
                .start(Instant.parse("2024-06-01T12:00:00Z")));
        sim.setFixedWatts(1234);
        sim.command("<Command><Name>get_instantaneous_demand</Name><Refresh>Y</Refresh></Command>");
        FragmentEntry reply = lastFragment(sim);
        try (InputStream in = getClass().getResourceAsStream("/fragments/demand-reference-example.txt")) {
            assertThat(reply.bytes()).isEqualTo(in.readAllBytes());
        }
        assertThat(reply.value("demand_kw")).isEqualByComparingTo("1.234");
        assertThat(reply.deviceTime()).isEqualTo(Instant.parse("2024-06-01T12:00:00Z"));
        assertThat(reply.meterMacId()).isEqualTo("0x00135003004f5a6b");
    }

    @Test
    void powersOnWithTheConnectionSequenceThenSendsDemandEveryEightToElevenSeconds() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofHours(1));
        List<FragmentEntry> fragments = sim.journal().fragments();
        assertThat(fragments.subList(0, 5)).extracting(f -> f.text().get("status"))
                .containsExactly("Initializing...", "Network Discovery", "Joining", "Join: Success", "Connected");
        List<FragmentEntry> demand = sim.journal().fragments("InstantaneousDemand");
        assertThat(demand).hasSizeBetween(3600 / 11, 3600 / 8);
        for (int i = 1; i < demand.size(); i++) {
            long gap = Duration.between(demand.get(i - 1).at(), demand.get(i).at()).toMillis();
            assertThat(gap).as("gap before demand #%d (seed %d)", i, SEED).isBetween(8000L, 11000L);
        }
        assertThat(sim.journal().fragments("CurrentSummationDelivered")).hasSizeBetween(14, 16);
        assertThat(sim.journal().fragments("PriceCluster")).hasSizeBetween(29, 31);
        assertThat(sim.journal().fragments("TimeCluster")).hasSizeBetween(4, 5);
        assertThat(sim.journal().fragments("MessageCluster")).hasSize(1);
        assertThat(fragments).allMatch(FragmentEntry::isIntact);
    }

    @ParameterizedTest
    @EnumSource(MeterInfoForm.class)
    void writesMeterInfoInTheFormAsked(MeterInfoForm form) throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).meterInfoForm(form));
        sim.command("<Command><Name>get_meter_info</Name></Command>");
        String expected = switch (form) {
            case NUMBER -> "<MeterType>0x0000</MeterType>\r\n  <NickName>";
            case NAME -> "<MeterType>electric</MeterType>\r\n  <NickName>";
            case TYPE -> "<Type>electric</Type>\r\n  <Nickname>";
        };
        assertThat(lastFragment(sim).wireText()).contains(expected);
    }

    @Test
    void aUnitRunningForDaysSendsNoStartUpBurst() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).uptime(Duration.ofDays(3)));
        sim.advance(Duration.ofMinutes(30));
        List<FragmentEntry> fragments = sim.journal().fragments();
        assertThat(fragments).noneMatch(f -> f.type().equals("ConnectionStatus"));
        List<FragmentEntry> demands = sim.journal().fragments("InstantaneousDemand");
        assertThat(demands.get(0).at()).as("the first demand falls due within its period, seed %d", SEED)
                .isBefore(Emu2Simulator.DEFAULT_START.plusSeconds(11));
        // the schedule as it runs: 30 minutes of demand every 8 to 11 s, price every 2 minutes
        assertThat(demands).hasSizeBetween(30 * 60 / 11, 30 * 60 / 8 + 1);
        assertThat(sim.journal().fragments("PriceCluster")).hasSizeBetween(14, 16);
        sim.command("<Command><Name>get_connection_status</Name></Command>");
        assertThat(lastFragment(sim).text()).containsEntry("status", "Connected");
    }

    @Test
    void summationsCountTheHouseholdsEnergySecondBySecond() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).solar(5000).start(Instant.parse("2024-06-01T15:00:00Z")));
        sim.advance(Duration.ofHours(6));
        List<FragmentEntry> summations = sim.journal().fragments("CurrentSummationDelivered");
        BigDecimal wattSecondsPerKwh = BigDecimal.valueOf(3_600_000);
        int checked = 0;
        for (int i = 1; i < summations.size(); i++) {
            FragmentEntry before = summations.get(i - 1);
            FragmentEntry after = summations.get(i);
            // the oracle: the load model's net watts, second by second, drawn or sent back
            long drawn = 0;
            long sent = 0;
            for (long t = before.at().getEpochSecond(); t < after.at().getEpochSecond(); t++) {
                int watts = sim.load().watts(Instant.ofEpochSecond(t));
                drawn += Math.max(0, watts);
                sent += Math.max(0, -watts);
            }
            BigDecimal delivered = after.value("delivered_kwh").subtract(before.value("delivered_kwh"));
            BigDecimal received = after.value("received_kwh").subtract(before.value("received_kwh"));
            assertThat(delivered.subtract(BigDecimal.valueOf(drawn).divide(wattSecondsPerKwh, 9, RoundingMode.HALF_EVEN)).abs())
                    .as("delivered between summations at %s, seed %d", after.at(), SEED).isLessThanOrEqualTo(new BigDecimal("0.001"));
            assertThat(received.subtract(BigDecimal.valueOf(sent).divide(wattSecondsPerKwh, 9, RoundingMode.HALF_EVEN)).abs())
                    .as("received between summations at %s, seed %d", after.at(), SEED).isLessThanOrEqualTo(new BigDecimal("0.001"));
            checked++;
        }
        assertThat(checked).isGreaterThan(80);
        assertThat(sim.journal().fragments("InstantaneousDemand")).anyMatch(f -> f.value("demand_kw").signum() < 0);
        assertThat(summations.get(summations.size() - 1).value("received_kwh")).isGreaterThan(summations.get(0).value("received_kwh"));
    }

    @Test
    void demandSamplesTheLoadTheSummationsCount() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).start(Instant.parse("2024-06-01T15:00:00Z")));
        sim.advance(Duration.ofHours(6));
        List<FragmentEntry> demands = sim.journal().fragments("InstantaneousDemand");
        BigDecimal kwSeconds = BigDecimal.ZERO;
        for (int i = 1; i < demands.size(); i++) {
            long seconds = Duration.between(demands.get(i - 1).deviceTime(), demands.get(i).deviceTime()).toSeconds();
            kwSeconds = kwSeconds.add(demands.get(i - 1).value("demand_kw").multiply(BigDecimal.valueOf(seconds)));
        }
        double sampledKwh = kwSeconds.doubleValue() / 3600;
        List<FragmentEntry> summations = sim.journal().fragments("CurrentSummationDelivered");
        double countedKwh = sim.load().energy(demands.get(0).deviceTime(), demands.get(demands.size() - 1).deviceTime())
                .deliveredWattSeconds() / 3.6e6;
        // a display samples the power every 8 to 11 s; over six hours that tells the energy to well within 2 %
        assertThat(sampledKwh).as("demand × time against the meter's count, seed %d", SEED).isCloseTo(countedKwh, withinPercentage(2));
        assertThat(summations.get(summations.size() - 1).value("delivered_kwh").subtract(summations.get(0).value("delivered_kwh"))
                .doubleValue()).isPositive();
    }

    @Test
    void aSummationAskedWithoutRefreshRepeatsTheLastOneTaken() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofMinutes(10));
        sim.command("<Command><Name>get_current_summation_delivered</Name></Command>");
        FragmentEntry first = lastFragment(sim);
        sim.advance(Duration.ofSeconds(30));
        sim.command("<Command><Name>get_current_period_usage</Name></Command>");
        sim.command("<Command><Name>get_current_summation_delivered</Name></Command>");
        FragmentEntry second = lastFragment(sim);
        sim.command("<Command><Name>get_current_summation_delivered</Name><Refresh>Y</Refresh></Command>");
        FragmentEntry refreshed = lastFragment(sim);

        assertThat(second.deviceTime()).isEqualTo(first.deviceTime());
        assertThat(second.value("delivered_kwh")).isEqualByComparingTo(first.value("delivered_kwh"));
        assertThat(refreshed.deviceTime()).isAfter(first.deviceTime());
        assertThat(refreshed.value("delivered_kwh")).isGreaterThan(first.value("delivered_kwh"));
    }

    @Test
    void solarExportIsWrittenAsTwosComplement() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).solar(6000).start(Instant.parse("2024-06-01T19:00:00Z")));
        sim.setFixedWatts(-2296);
        sim.command("<Command><Name>get_instantaneous_demand</Name><Refresh>Y</Refresh></Command>");
        assertThat(lastFragment(sim).wireText()).contains("  <Demand>0xfffff708</Demand>\r\n");
        assertThat(lastFragment(sim).value("demand_kw")).isEqualByComparingTo("-2.296");
    }

    @Test
    void answersEveryCommandOfTheReference() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofHours(3));
        Map<String, String> replies = new LinkedHashMap<>();
        replies.put("<Name>get_connection_status</Name>", "ConnectionStatus");
        replies.put("<Name>get_device_info</Name>", "DeviceInfo");
        replies.put("<Name>get_schedule</Name><Event>demand</Event>", "ScheduleInfo");
        replies.put("<Name>get_meter_list</Name>", "MeterList");
        replies.put("<Name>get_meter_info</Name>", "MeterInfo");
        replies.put("<Name>get_network_info</Name>", "NetworkInfo");
        replies.put("<Name>get_time</Name>", "TimeCluster");
        replies.put("<Name>get_message</Name>", "MessageCluster");
        replies.put("<Name>get_current_price</Name>", "PriceCluster");
        replies.put("<Name>get_instantaneous_demand</Name>", "InstantaneousDemand");
        replies.put("<Name>get_current_summation_delivered</Name><Refresh>Y</Refresh>", "CurrentSummationDelivered");
        replies.put("<Name>get_current_period_usage</Name>", "CurrentPeriodUsage");
        replies.put("<Name>get_last_period_usage</Name>", "LastPeriodUsage");
        replies.put("<Name>get_profile_data</Name><NumberOfPeriods>0x02</NumberOfPeriods>", "ProfileData");
        replies.put("<Name>get_price_blocks</Name>", "BlockPriceDetail");
        replies.put("<Name>get_billing_periods</Name>", "BillingPeriodList");
        replies.put("<Name>get_fast_poll_status</Name>", "FastPollStatus");
        replies.put("<Name>no_such_thing</Name>", "Warning");
        for (Map.Entry<String, String> e : replies.entrySet()) {
            sim.command("<Command>" + e.getKey() + "</Command>");
            assertThat(lastCommand(sim).outcome()).as(e.getKey()).isIn(Outcome.ANSWERED, Outcome.UNKNOWN);
            assertThat(lastFragment(sim).type()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(lastFragment(sim).trigger()).startsWith("reply:");
        }
        List<String> silent = List.of("<Name>initialize</Name>", "<Name>close_current_period</Name>",
                "<Name>set_meter_info</Name><NickName>House</NickName>", "<Name>set_schedule_default</Name>",
                "<Name>set_fast_poll</Name><Frequency>0x0004</Frequency><Duration>0x0384</Duration>",
                "<Name>set_current_price</Name><Price>0x1f4</Price><TrailingDigits>0x03</TrailingDigits>",
                "<Name>set_schedule</Name><Event>time</Event><Frequency>0x3c</Frequency><Enabled>Y</Enabled>");
        for (String body : silent) {
            int before = sim.journal().fragments().size();
            sim.command("<Command>" + body + "</Command>");
            assertThat(lastCommand(sim).outcome()).as(body).isEqualTo(Outcome.ANSWERED);
            assertThat(lastCommand(sim).replies()).isZero();
            assertThat(sim.journal().fragments()).hasSize(before);
        }
        sim.command("<Command><Name>get_meter_info</Name></Command>");
        assertThat(lastFragment(sim).wireText()).contains("<NickName>House</NickName>", "<MeterType>0x0000</MeterType>");
        sim.command("<Command><Name>get_current_price</Name></Command>");
        assertThat(lastFragment(sim).wireText()).contains("<Price>0x000001f4</Price>", "<RateLabel>Set by User</RateLabel>",
                "<StartTime>0xffffffff</StartTime>", "<Duration>0xffff</Duration>");
        assertThat(lastFragment(sim).value("price")).isEqualByComparingTo("0.500");
        sim.command("<Command><Name>get_fast_poll_status</Name></Command>");
        assertThat(lastFragment(sim).wireText()).contains("<Frequency>0x04</Frequency>");
        Instant before = sim.now();
        sim.advance(Duration.ofSeconds(40));
        List<FragmentEntry> fast = sim.journal().fragments("InstantaneousDemand").stream().filter(f -> f.at().isAfter(before)).toList();
        assertThat(fast).hasSizeBetween(9, 10);
    }

    @Test
    void unknownCommandsGetTheWarningAndGarbageChangesNothing() throws IOException {
        Emu2Simulator sim = start();
        assertThat(sim.command("\u0000\u00ff<<</Command><Command><Name>frobnicate</Name></Command>")).isEqualTo(1);
        assertThat(lastFragment(sim).wireText()).isEqualTo("<Warning>\r\n  <Text>Unknown command</Text>\r\n</Warning>\r\n");
        assertThat(lastCommand(sim).outcome()).isEqualTo(Outcome.UNKNOWN);
        sim.command("<Command><Name>set_schedule</Name><Event>bogus</Event></Command>");
        assertThat(lastCommand(sim).outcome()).isEqualTo(Outcome.INVALID);
        sim.command("<Command><Name>set_schedule</Name><Event>demand</Event><Frequency>zero</Frequency></Command>");
        assertThat(lastCommand(sim).outcome()).isEqualTo(Outcome.INVALID);
        sim.advance(Duration.ofMinutes(1));
        assertThat(sim.journal().fragments("InstantaneousDemand")).isNotEmpty();
    }

    @Test
    void setScheduleChangesPeriodsAndGetScheduleReportsThem() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofSeconds(10));
        sim.command("<Command><Name>set_schedule</Name><Event>summation</Event><Frequency>0x1e</Frequency><Enabled>Y</Enabled></Command>");
        sim.command("<command><name>SET_SCHEDULE</NAME><event>demand</event><enabled>n</enabled></command>");
        Instant from = sim.now();
        sim.advance(Duration.ofMinutes(5));
        assertThat(sim.journal().fragments("CurrentSummationDelivered").stream().filter(f -> f.at().isAfter(from))).hasSize(10);
        assertThat(sim.journal().fragments("InstantaneousDemand").stream().filter(f -> f.at().isAfter(from))).isEmpty();
        sim.command("<Command><Name>get_schedule</Name></Command>");
        assertThat(lastCommand(sim).replies()).isEqualTo(5);
        List<FragmentEntry> info = sim.journal().fragments("ScheduleInfo");
        assertThat(info).extracting(f -> f.text().get("event")).containsExactly("time", "price", "demand", "summation", "message");
        assertThat(info.get(3).wireText()).contains("<Frequency>0x0000001e</Frequency>", "<Enabled>Y</Enabled>");
        assertThat(info.get(2).wireText()).contains("<Enabled>N</Enabled>");
        sim.command("<Command><Name>set_schedule_default</Name></Command>");
        Instant reset = sim.now();
        sim.advance(Duration.ofMinutes(1));
        assertThat(sim.journal().fragments("InstantaneousDemand").stream().filter(f -> f.at().isAfter(reset))).hasSizeBetween(5, 8);
    }

    @Test
    void restartSendsTheStartUpSequenceEndingConnected() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofMinutes(1));
        sim.unplugAt(sim.now().plusSeconds(30), Duration.ofSeconds(10));
        long mark = sim.journal().size();
        sim.command("<Command><Name>restart</Name></Command>");
        sim.advance(Duration.ofSeconds(5));
        assertThat(sim.journal().entriesAfter(mark).stream().filter(e -> e instanceof FragmentEntry)
                .map(e -> ((FragmentEntry) e).text().get("status")).limit(5).toList())
                .containsExactly("Initializing...", "Network Discovery", "Joining", "Join: Success", "Connected");
        // the restart forgot the schedule, not the unplug planned for later (at +30 s, for 10 s)
        sim.advance(Duration.ofSeconds(45));
        assertThat(sim.journal().events()).extracting(e -> e.kind()).containsSubsequence("unplug", "replug");
        assertThat(sim.journal().fragments("InstantaneousDemand").stream().filter(f -> f.sequence() > mark)).isNotEmpty();
    }

    @Test
    void selectsTheMeterByMacIdAndScalesItronByThree() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED)
                .meter(MeterSpec.of(0x00135003004f5a6bL)).meter(MeterSpec.itron(0x001c640000abcdefL)));
        sim.setFixedWatts(3000);
        sim.command("<Command><Name>get_instantaneous_demand</Name><MeterMacId>0x001C640000ABCDEF</MeterMacId><Refresh>Y</Refresh></Command>");
        FragmentEntry itron = lastFragment(sim);
        assertThat(itron.meterMacId()).isEqualTo("0x001c640000abcdef");
        assertThat(itron.wireText()).contains("<Demand>0x0003e8</Demand>", "<Multiplier>0x00000003</Multiplier>");
        assertThat(itron.value("demand_kw")).isEqualByComparingTo("3.000");
        sim.command("<Command><Name>get_instantaneous_demand</Name><MeterMacId>0x0000000000000001</MeterMacId></Command>");
        assertThat(lastCommand(sim).outcome()).isEqualTo(Outcome.INVALID);
        sim.command("<Command><Name>get_meter_list</Name></Command>");
        assertThat(lastFragment(sim).wireText()).contains("<MeterMacId>0x00135003004f5a6b</MeterMacId>", "<MeterMacId>0x001c640000abcdef</MeterMacId>");
        sim.advance(Duration.ofMinutes(2));
        assertThat(sim.journal().fragments("InstantaneousDemand")).extracting(FragmentEntry::meterMacId)
                .contains("0x00135003004f5a6b", "0x001c640000abcdef");
    }

    @Test
    void profileDataGivesHourlyDeliveredNewestFirst() throws IOException {
        Emu2Simulator sim = start();
        sim.setFixedWatts(1500);
        sim.advance(Duration.ofHours(4));
        sim.command("<Command><Name>get_profile_data</Name><NumberOfPeriods>3</NumberOfPeriods><EndTime>0</EndTime><IntervalChannel>Delivered</IntervalChannel></Command>");
        FragmentEntry profile = lastFragment(sim);
        assertThat(profile.wireText()).contains("<NumberOfPeriodsDelivered>0x03</NumberOfPeriodsDelivered>", "<ProfileIntervalPeriod>0x01</ProfileIntervalPeriod>");
        // a fixed 1.5 kW for whole hours is 1.500 kWh each
        assertThat(profile.value("interval_0_kwh")).isEqualByComparingTo("1.500");
        assertThat(profile.value("interval_2_kwh")).isEqualByComparingTo("1.500");
        sim.command("<Command><Name>get_profile_data</Name><NumberOfPeriods>13</NumberOfPeriods></Command>");
        assertThat(lastCommand(sim).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void confirmMessageMarksItConfirmed() throws IOException {
        Emu2Simulator sim = start();
        sim.command("<Command><Name>get_message</Name></Command>");
        FragmentEntry message = lastFragment(sim);
        assertThat(message.wireText()).contains("<Confirmed>N</Confirmed>", "&lt;E-TOU-C&gt; &amp; SmartRate");
        String id = message.value("id").toBigInteger().toString(16);
        sim.command("<Command><Name>confirm_message</Name><Id>0x" + id + "</Id></Command>");
        assertThat(lastCommand(sim).outcome()).isEqualTo(Outcome.ANSWERED);
        sim.command("<Command><Name>get_message</Name></Command>");
        assertThat(lastFragment(sim).wireText()).contains("<Confirmed>Y</Confirmed>");
    }

    @Test
    void timeClusterCountsLocalSecondsWithDaylightSaving() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).start(Instant.parse("2024-01-15T12:00:00Z")));
        sim.command("<Command><Name>get_time</Name></Command>");
        assertThat(lastFragment(sim).value("local_offset_s")).isEqualByComparingTo("-28800");
        Emu2Simulator summer = start(Emu2Simulator.builder().seed(SEED).start(Instant.parse("2024-07-15T12:00:00Z")));
        summer.command("<Command><Name>get_time</Name></Command>");
        assertThat(lastFragment(summer).value("local_offset_s")).isEqualByComparingTo("-25200");
        assertThat(lastFragment(summer).wireText()).contains("<UTCTime>0x2e27cbc0</UTCTime>", "<LocalTime>0x2e276950</LocalTime>");
    }

    @Test
    void priceFollowsTimeOfUse() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).start(Instant.parse("2024-06-01T23:30:00Z")));
        sim.command("<Command><Name>get_current_price</Name></Command>");
        FragmentEntry peak = lastFragment(sim);
        assertThat(peak.value("tier")).isEqualByComparingTo("2");
        assertThat(peak.value("price")).isEqualByComparingTo("0.452");
        assertThat(peak.wireText()).contains("<Currency>0x0348</Currency>", "<TrailingDigits>0x03</TrailingDigits>", "<Duration>0x012c</Duration>");
    }
}
