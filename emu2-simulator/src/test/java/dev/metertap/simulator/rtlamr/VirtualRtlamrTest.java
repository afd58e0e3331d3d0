package dev.metertap.simulator.rtlamr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualRtlamrTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-01T18:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameLines() throws Exception {
        assertThat(run(settings(7, 300, Map.of(), null))).isEqualTo(run(settings(7, 300, Map.of(), null)));
        assertThat(run(settings(8, 300, Map.of(), null))).isNotEqualTo(run(settings(7, 300, Map.of(), null)));
    }

    @Test
    void linesCarryRtlamrsFieldsInItsOrder() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "SCM", List.of("ID", "Type", "TamperPhy", "TamperEnc", "Consumption", "ChecksumVal"),
                "SCM+", List.of("FrameSync", "ProtocolID", "EndpointType", "EndpointID", "Consumption", "Tamper", "PacketCRC"),
                "IDM", List.of("Preamble", "PacketTypeID", "PacketLength", "HammingCode", "ApplicationVersion", "ERTType",
                        "ERTSerialNumber", "ConsumptionIntervalCount", "ModuleProgrammingState", "TamperCounters",
                        "AsynchronousCounters", "PowerOutageFlags", "LastConsumptionCount", "DifferentialConsumptionIntervals",
                        "TransmitTimeOffset", "SerialNumberCRC", "PacketCRC"),
                "NetIDM", List.of("Preamble", "ProtocolID", "PacketLength", "HammingCode", "ApplicationVersion", "ERTType",
                        "ERTSerialNumber", "ConsumptionIntervalCount", "ProgrammingState", "LastGeneration", "LastConsumption",
                        "LastConsumptionNet", "DifferentialConsumptionIntervals", "TransmitTimeOffset", "SerialNumberCRC", "PacketCRC"),
                "R900", List.of("ID", "Unkn1", "NoUse", "BackFlow", "Consumption", "Unkn3", "Leak", "LeakNow"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : run(settings(1, 200, Map.of(), null)).split("\n")) {
            JsonNode node = JSON.readTree(line);
            assertThat(names(node)).containsExactly("Time", "Offset", "Length", "Type", "Message");
            String type = node.get("Type").asText();
            assertThat(names(node.get("Message"))).as(type).containsExactlyElementsOf(expected.get(type));
            OffsetDateTime.parse(node.get("Time").asText());
            seen.add(type);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void idmCountersStepEveryFiveMinutesWrapAt256AndAgreeWithTheTotal() throws Exception {
        List<JsonNode> idms = new ArrayList<>();
        VirtualRtlamr.Settings idmOnly = new VirtualRtlamr.Settings(3, START, 0, List.of(RadioMeter.parse("IDM:55123456:7")), ZONE,
                1000, Map.of(), false, null);
        for (String line : run(idmOnly).split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.get("Type").asText().equals("IDM")) {
                idms.add(node.get("Message"));
            }
        }
        int steps = 0;
        boolean wrapped = false;
        for (int i = 1; i < idms.size(); i++) {
            JsonNode before = idms.get(i - 1);
            JsonNode after = idms.get(i);
            int from = before.get("ConsumptionIntervalCount").asInt();
            int to = after.get("ConsumptionIntervalCount").asInt();
            long step = after.get("LastConsumptionCount").asLong() - before.get("LastConsumptionCount").asLong();
            if (from == to) {
                assertThat(step).isZero();
                assertThat(after.get("TransmitTimeOffset").asInt()).isGreaterThan(before.get("TransmitTimeOffset").asInt());
                continue;
            }
            assertThat(to).isEqualTo((from + 1) % 256);
            wrapped |= to == 0;
            steps++;
            JsonNode newer = after.get("DifferentialConsumptionIntervals");
            JsonNode older = before.get("DifferentialConsumptionIntervals");
            assertThat(step).isEqualTo(newer.get(0).asLong());
            for (int j = 0; j + 1 < 47; j++) {
                assertThat(newer.get(j + 1).asInt()).isEqualTo(older.get(j).asInt());
            }
            assertThat(after.get("TransmitTimeOffset").asInt()).isLessThan(300 * 16);
        }
        assertThat(steps).isGreaterThan(80);
        assertThat(wrapped).as("counter wrapped at 256 within the run").isTrue();
    }

    @Test
    void aRestartedRunResumesAfterItsJournalAndEachFaultFiresOnce() throws Exception {
        Path journal = dir.resolve("truth.jsonl");
        VirtualRtlamr.Settings settings = settings(5, 120, Map.of(RadioFault.EXIT, 40L, RadioFault.CUT, 80L), journal);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new VirtualRtlamr(settings).run(out)).isEqualTo(VirtualRtlamr.Ending.EXIT);
        assertThat(new VirtualRtlamr(settings).run(out)).isEqualTo(VirtualRtlamr.Ending.CUT);
        assertThat(new VirtualRtlamr(settings).run(out)).isEqualTo(VirtualRtlamr.Ending.LIMIT);
        RtlamrJournal.Truth truth = RtlamrJournal.read(journal);
        assertThat(truth.faults()).containsExactly("exit", "cut");
        assertThat(truth.starts()).isEqualTo(3);
        assertThat(truth.messages()).hasSize(120);
        assertThat(truth.delivered()).hasSize(119);
        assertThat(truth.messages().get(79).delivered()).isFalse();
        Iterator<RtlamrJournal.Entry> it = truth.messages().iterator();
        Instant last = Instant.MIN;
        Map<Long, Long> totals = new java.util.HashMap<>();
        while (it.hasNext()) {
            RtlamrJournal.Entry e = it.next();
            assertThat(e.at()).isAfter(last);
            last = e.at();
            Long before = totals.put(e.meter(), e.consumption());
            assertThat(before == null || before <= e.consumption()).as("total of %d never goes back", e.meter()).isTrue();
        }
        String text = out.toString(StandardCharsets.UTF_8);
        long whole = text.lines().filter(l -> l.endsWith("}}")).count();
        assertThat(whole).isEqualTo(119);
    }

    private static VirtualRtlamr.Settings settings(long seed, long messages, Map<RadioFault, Long> faults, Path journal) {
        return new VirtualRtlamr.Settings(seed, START, 0, VirtualRtlamr.NEIGHBOURHOOD, ZONE, messages, faults, false, journal);
    }

    private static String run(VirtualRtlamr.Settings settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new VirtualRtlamr(settings).run(out)).isEqualTo(VirtualRtlamr.Ending.LIMIT);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
