package dev.metertap.simulator.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.endpoint.PortReader;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Journal;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Emu2SimulatorExtensionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static Emu2SimulatorExtension emu = Emu2SimulatorExtension.of(Emu2Simulator.builder().seed(42).manualTime()
            .start(Instant.parse("2024-06-01T12:00:00Z")).tcp(0)).withControlApi();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(emu.controlUri().resolve(path)).timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void exposesThePortTheJournalAndManualTime(Emu2Simulator sim, Journal journal, Faults faults) throws Exception {
        assertThat(sim).isSameAs(emu.simulator());
        assertThat(journal).isSameAs(emu.journal());
        assertThat(faults).isSameAs(emu.faults());
        assertThat(Path.of(emu.portPath())).isSymbolicLink();
        assertThat(emu.tcpAddress().getPort()).isPositive();
        try (PortReader port = PortReader.open(Path.of(emu.portPath()), null)) {
            emu.advance(Duration.ofMinutes(1));
            assertThat(emu.now()).isEqualTo(Instant.parse("2024-06-01T12:01:00Z"));
            FragmentEntry demand = emu.journal().fragments("InstantaneousDemand").get(0);
            String text = port.awaitText(demand.wireText(), WAIT);
            assertThat(text).contains("<Status>Connected</Status>");
        }
    }

    @Test
    @Order(2)
    void controlApiSetsFaultsAndLoadAndServesTheJournal() throws Exception {
        HttpResponse<String> set = call("POST", "faults/clobber?value=0.25", null);
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(emu.faults().get(Fault.Clobber.class)).contains(new Fault.Clobber(0.25));
        assertThat(call("DELETE", "faults/clobber", null).statusCode()).isEqualTo(200);
        assertThat(emu.faults().isOn(Fault.Clobber.class)).isFalse();

        assertThat(call("POST", "load?fixed=1500", null).statusCode()).isEqualTo(200);
        long mark = emu.journal().size();
        HttpResponse<String> command = call("POST", "command",
                "<Command><Name>get_instantaneous_demand</Name><Refresh>Y</Refresh></Command>");
        assertThat(json.readTree(command.body()).get("commands").asInt()).isEqualTo(1);
        FragmentEntry reply = emu.journal().awaitAfter(mark, FragmentEntry.class, f -> f.type().equals("InstantaneousDemand"), WAIT);
        assertThat(reply.value("demand_kw")).isEqualByComparingTo("1.500");
        assertThat(emu.journal().commands()).last().extracting(CommandEntry::origin).isEqualTo("api");

        HttpResponse<String> lines = call("GET", "journal?after=" + mark, null);
        String[] entries = lines.body().split("\n");
        JsonNode last = json.readTree(entries[entries.length - 1]);
        assertThat(last.get("type").asText()).isEqualTo("InstantaneousDemand");
        assertThat(last.get("values").get("demand_kw").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(last.get("bytes").asText()).endsWith("</InstantaneousDemand>\r\n");

        assertThat(call("POST", "advance?seconds=60", null).statusCode()).isEqualTo(200);
        JsonNode status = json.readTree(call("GET", "status", null).body());
        assertThat(status.get("simulatedTime").asText()).isEqualTo("2024-06-01T12:02:00Z");
        assertThat(status.get("load").get("fixedWatts").asInt()).isEqualTo(1500);

        assertThat(call("POST", "faults/gremlins?value=1", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "faults/clobber?value=7", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "unplug?seconds=-1", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "nowhere", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void controlApiTriggersRejoinAndUnplug() throws Exception {
        long mark = emu.journal().size();
        assertThat(call("POST", "rejoin?seconds=30", null).statusCode()).isEqualTo(200);
        emu.journal().awaitAfter(mark, FragmentEntry.class, f -> "Rejoining".equals(f.text().get("status")), WAIT);
        assertThat(call("POST", "unplug?seconds=10", null).statusCode()).isEqualTo(200);
        assertThat(emu.simulator().isPlugged()).isFalse();
        emu.advance(Duration.ofSeconds(11));
        assertThat(emu.simulator().isPlugged()).isTrue();
        assertThat(Path.of(emu.portPath())).isSymbolicLink();
    }
}
