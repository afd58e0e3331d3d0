package dev.metertap.simulator.device;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.Emu2SimulatorBuilder;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.FaultSyntax;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.journal.CommandEntry.Outcome;
import dev.metertap.simulator.journal.EventEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import dev.metertap.simulator.journal.JournalEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class DeviceFaultsTest {

    private static final long SEED = 7;
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

    @Test
    void clobberCutsAFragmentMidWriteAndTheNextFragmentFollowsWithoutANewline() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.Clobber(0.2)));
        sim.advance(Duration.ofHours(2));
        List<JournalEntry> entries = sim.journal().entries();
        List<FragmentEntry> fragments = sim.journal().fragments();
        List<FragmentEntry> clobbered = fragments.stream().filter(f -> f.integrity() == Integrity.CLOBBERED).toList();
        double share = clobbered.size() / (double) fragments.size();
        assertThat(share).as("clobbered share (seed %d)", SEED).isBetween(0.14, 0.26);
        for (FragmentEntry victim : clobbered) {
            JournalEntry next = entries.get((int) victim.sequence());
            assertThat(next).as("entry after %s", victim).isInstanceOf(FragmentEntry.class);
            assertThat(victim.clobberedBy()).isEqualTo(next.sequence());
            String root = "</" + victim.type() + ">";
            assertThat(victim.wireText()).as("victim %s", victim).doesNotContain(root).isNotEmpty();
            // the interrupter starts at its root tag (and may itself be cut, even inside that tag)
            String text = ((FragmentEntry) next).wireText();
            String open = "<" + ((FragmentEntry) next).type() + ">";
            assertThat(text.startsWith(open) || open.startsWith(text)).as("interrupter %s", next).isTrue();
        }
        assertThat(clobbered).anyMatch(v -> !v.wireText().endsWith("\n"));
    }

    @Test
    void clobberedCommandRepliesAreCutByTheNextScheduledNotification() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED));
        sim.advance(Duration.ofMinutes(1));
        sim.faults().clobber(1);
        long mark = sim.journal().size();
        sim.command("<Command><Name>get_device_info</Name></Command>");
        sim.advance(Duration.ofMinutes(1));
        List<FragmentEntry> after = sim.journal().entriesAfter(mark).stream()
                .filter(e -> e instanceof FragmentEntry).map(e -> (FragmentEntry) e).toList();
        // rate 1: the reply and two interrupters are cut (the chain stops at 3), the fourth goes whole
        assertThat(after).extracting(FragmentEntry::integrity)
                .startsWith(Integrity.CLOBBERED, Integrity.CLOBBERED, Integrity.CLOBBERED, Integrity.INTACT);
        assertThat(after.get(0).type()).isEqualTo("DeviceInfo");
        assertThat(after.get(0).trigger()).isEqualTo("reply:get_device_info");
        assertThat(after.get(1).trigger()).isEqualTo("schedule");
    }

    @Test
    void clobberingCutsWritesWithoutChangingTheSchedule() throws IOException {
        Map<String, Long> whole = countsByType(start(Emu2Simulator.builder().seed(SEED)), Duration.ofHours(24));
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.Clobber(0.2)));
        Map<String, Long> clobbered = countsByType(sim, Duration.ofHours(24));

        for (String type : List.of("InstantaneousDemand", "CurrentSummationDelivered", "PriceCluster", "TimeCluster")) {
            assertThat((double) clobbered.get(type)).as("%s an hour at 20 %% clobber against none, seed %d", type, SEED)
                    .isCloseTo(whole.get(type), withinPercentage(5));
        }
        List<JournalEntry> entries = sim.journal().entries();
        List<FragmentEntry> fragments = sim.journal().fragments();
        List<FragmentEntry> victims = fragments.stream().filter(f -> f.integrity() == Integrity.CLOBBERED).toList();
        assertThat(victims.size() / (double) fragments.size()).as("share cut, seed %d", SEED).isBetween(0.17, 0.23);
        // what cuts in is whatever falls due next: the schedule's own mix
        Map<String, Long> cutters = victims.stream().map(v -> ((FragmentEntry) entries.get((int) v.clobberedBy())).type())
                .collect(Collectors.groupingBy(type -> type, Collectors.counting()));
        for (String type : List.of("InstantaneousDemand", "PriceCluster")) {
            double ofAll = clobbered.get(type) / (double) fragments.size();
            assertThat(cutters.getOrDefault(type, 0L) / (double) victims.size()).as("%s among the cutters, seed %d", type, SEED)
                    .isCloseTo(ofAll, within(0.05));
        }
    }

    @Test
    void commandRepliesAreTheMostExposed() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.Clobber(0.2)));
        for (int i = 0; i < 400; i++) {
            sim.command("<Command><Name>get_current_price</Name></Command>");
            sim.advance(Duration.ofSeconds(30));
        }
        List<FragmentEntry> replies = sim.journal().fragments().stream().filter(f -> f.trigger().startsWith("reply:")).toList();
        List<FragmentEntry> scheduled = sim.journal().fragments().stream().filter(f -> f.trigger().equals("schedule")).toList();
        assertThat(cutShare(replies)).as("replies cut, seed %d", SEED).isBetween(0.3, 0.5);
        assertThat(cutShare(scheduled)).as("scheduled notifications cut, seed %d", SEED).isBetween(0.15, 0.25);
    }

    private static Map<String, Long> countsByType(Emu2Simulator sim, Duration run) {
        sim.advance(run);
        return sim.journal().fragments().stream().collect(Collectors.groupingBy(FragmentEntry::type, Collectors.counting()));
    }

    private static double cutShare(List<FragmentEntry> fragments) {
        return fragments.stream().filter(f -> f.integrity() == Integrity.CLOBBERED).count() / (double) fragments.size();
    }

    @Test
    void nulBytesComeBetweenFragments() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.NulBytes(0.3)));
        sim.advance(Duration.ofMinutes(30));
        List<EventEntry> nuls = sim.journal().events().stream().filter(e -> e.kind().equals("nul-bytes")).toList();
        assertThat(nuls).isNotEmpty();
        for (EventEntry e : nuls) {
            assertThat(e.bytes()).hasSizeBetween(1, 8).containsOnly((byte) 0);
        }
    }

    @Test
    void sentinelTimestampsMeanNoValue() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.Sentinels(0.5)));
        sim.advance(Duration.ofMinutes(10));
        List<FragmentEntry> sentinel = sim.journal().fragments("InstantaneousDemand").stream()
                .filter(f -> f.wireText().contains("<TimeStamp>0xffffffff</TimeStamp>")).toList();
        assertThat(sentinel).isNotEmpty().allMatch(f -> f.deviceTime() == null);
        assertThat(sim.journal().fragments("InstantaneousDemand")).anyMatch(f -> f.deviceTime() != null);
    }

    @Test
    void aZeroSummationSaysZeroOnlyInItsFragment() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.ZeroSummation(0.5)));
        sim.advance(Duration.ofHours(2));
        List<FragmentEntry> summations = sim.journal().fragments("CurrentSummationDelivered");
        List<FragmentEntry> zero = summations.stream().filter(f -> f.values().get("delivered_kwh").signum() == 0).toList();
        assertThat(zero).isNotEmpty().allMatch(f -> f.wireText().contains("<SummationDelivered>0x0000000000000000</SummationDelivered>")
                && f.values().get("received_kwh").signum() == 0);
        List<java.math.BigDecimal> others = summations.stream().map(f -> f.values().get("delivered_kwh")).filter(kwh -> kwh.signum() != 0).toList();
        assertThat(others).as("the registers carry on between the zeros").hasSizeGreaterThan(1).isSortedAccordingTo(java.math.BigDecimal::compareTo);
    }

    @Test
    void dateCodeCanBeSixteenFfBytes() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.DateCodeFf()));
        sim.command("<Command><Name>get_device_info</Name></Command>");
        byte[] ff = new byte[16];
        java.util.Arrays.fill(ff, (byte) 0xff);
        String expected = "<DateCode>" + new String(ff, StandardCharsets.ISO_8859_1) + "</DateCode>";
        assertThat(sim.journal().fragments("DeviceInfo").get(0).wireText()).contains(expected);
    }

    @Test
    void droppedRepliesAreJournalledAsUnanswered() throws IOException {
        Emu2Simulator sim = start();
        sim.faults().dropReplies(1);
        int before = sim.journal().fragments().size();
        sim.command("<Command><Name>get_time</Name></Command>");
        CommandEntry command = sim.journal().last(CommandEntry.class).orElseThrow();
        assertThat(command.outcome()).isEqualTo(Outcome.REPLY_DROPPED);
        assertThat(command.answered()).isFalse();
        assertThat(sim.journal().fragments()).hasSize(before);
        sim.faults().clear();
        sim.command("<Command><Name>get_time</Name></Command>");
        assertThat(sim.journal().last(FragmentEntry.class).orElseThrow().type()).isEqualTo("TimeCluster");
    }

    @Test
    void commandsTooCloseTogetherAreIgnored() throws IOException {
        Emu2Simulator sim = start();
        sim.faults().commandGap(Duration.ofSeconds(30));
        sim.command("<Command><Name>get_time</Name></Command><Command><Name>get_message</Name></Command>");
        sim.advance(Duration.ofSeconds(31)); // the gap is on the device's clock, whatever the host's
        sim.command("<Command><Name>get_message</Name></Command>");
        assertThat(sim.journal().commands()).extracting(CommandEntry::outcome)
                .containsExactly(Outcome.ANSWERED, Outcome.IGNORED_TOO_CLOSE, Outcome.ANSWERED);
    }

    @Test
    void silenceWritesNothingAndIgnoresCommands() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofMinutes(1));
        sim.silence(Duration.ofMinutes(2));
        long bytes = sim.journal().wireByteCount();
        sim.advance(Duration.ofMinutes(1));
        sim.command("<Command><Name>get_time</Name></Command>");
        assertThat(sim.journal().wireByteCount()).isEqualTo(bytes);
        assertThat(sim.journal().last(CommandEntry.class).orElseThrow().outcome()).isEqualTo(Outcome.IGNORED_SILENT);
        assertThat(sim.journal().last(FragmentEntry.class).orElseThrow().integrity()).isEqualTo(Integrity.LOST);
        sim.advance(Duration.ofMinutes(2));
        assertThat(sim.journal().wireByteCount()).isGreaterThan(bytes);
    }

    @Test
    void unplugLosesOutputUntilReplug() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofMinutes(1));
        sim.unplug(Duration.ofMinutes(5));
        assertThat(sim.isPlugged()).isFalse();
        sim.advance(Duration.ofMinutes(4));
        assertThat(sim.journal().last(FragmentEntry.class).orElseThrow().integrity()).isEqualTo(Integrity.LOST);
        sim.advance(Duration.ofMinutes(2));
        assertThat(sim.isPlugged()).isTrue();
        assertThat(sim.journal().events()).extracting(EventEntry::kind).contains("unplug", "replug");
        assertThat(sim.journal().last(FragmentEntry.class).orElseThrow().integrity()).isEqualTo(Integrity.INTACT);
    }

    @Test
    void rejoinSendsRejoiningWithLinkStrengthZeroThenConnected() throws IOException {
        Emu2Simulator sim = start();
        sim.advance(Duration.ofMinutes(1));
        long mark = sim.journal().size();
        sim.rejoin(Duration.ofMinutes(2));
        sim.advance(Duration.ofMinutes(3));
        List<FragmentEntry> after = sim.journal().entriesAfter(mark).stream()
                .filter(e -> e instanceof FragmentEntry).map(e -> (FragmentEntry) e).toList();
        List<FragmentEntry> status = after.stream().filter(f -> f.type().equals("ConnectionStatus")).toList();
        assertThat(status.get(0).wireText()).contains("<Status>Rejoining</Status>", "<LinkStrength>0x00</LinkStrength>");
        assertThat(status).hasSizeGreaterThan(8);
        assertThat(status.get(status.size() - 1).text()).containsEntry("status", "Connected");
        assertThat(status.get(status.size() - 1).value("link_strength")).isEqualByComparingTo("100");
        // no fresh demand while rejoining
        assertThat(after.stream().filter(f -> f.type().equals("InstantaneousDemand"))
                .allMatch(f -> f.at().isAfter(status.get(status.size() - 1).at()))).isTrue();
    }

    @Test
    void rejoinRateStartsEpisodes() throws IOException {
        Emu2Simulator sim = start(Emu2Simulator.builder().seed(SEED).fault(new Fault.Rejoin(0.01)));
        sim.advance(Duration.ofHours(6));
        assertThat(sim.journal().events()).filteredOn(e -> e.kind().equals("rejoin")).isNotEmpty();
    }

    @Test
    void faultValuesAreChecked() {
        assertThatThrownBy(() -> Emu2Simulator.builder().fault(new Fault.Clobber(1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSyntax.kind("gremlins")).hasMessageContaining("clobber");
        assertThat(FaultSyntax.kind("NUL_BYTES").type()).isEqualTo(Fault.NulBytes.class);
    }
}
