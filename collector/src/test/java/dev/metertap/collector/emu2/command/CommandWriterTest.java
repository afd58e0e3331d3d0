package dev.metertap.collector.emu2.command;

import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.collector.emu2.wire.MacId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandWriterTest {

    private static String written(Emu2Command<?> command) {
        return new String(CommandWriter.toBytes(command), StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesTheReferenceFormat() {
        assertThat(written(new GetInstantaneousDemand(Optional.of(new MacId(0x00135003004f5a6bL)), true))).isEqualTo(
                "<Command>\r\n  <Name>get_instantaneous_demand</Name>\r\n  <MeterMacId>0x00135003004f5a6b</MeterMacId>\r\n"
                        + "  <Refresh>Y</Refresh>\r\n</Command>\r\n");
        assertThat(written(new SetSchedule(Optional.empty(), "demand", Duration.ofSeconds(10), true))).isEqualTo(
                "<Command>\r\n  <Name>set_schedule</Name>\r\n  <Event>demand</Event>\r\n  <Frequency>0xa</Frequency>\r\n"
                        + "  <Enabled>Y</Enabled>\r\n</Command>\r\n");
    }

    @Test
    void commandsAreTypedByTheirReply() {
        Emu2Command<InstantaneousDemand> command = new GetInstantaneousDemand();
        assertThat(command.replyType()).isEqualTo(InstantaneousDemand.class);
        assertThat(new Restart().expectsReply()).isFalse();
    }

    @Test
    void namedCommandsFromTheCommandLine() {
        NamedCommand command = NamedCommand.of("GET_Meter_Info", Map.of("MeterMacId", "0x00135003004f5a6b"));
        assertThat(command.name()).isEqualTo("get_meter_info");
        assertThat(command.meter()).contains(new MacId(0x00135003004f5a6bL));
        assertThat(command.replyType().getSimpleName()).isEqualTo("MeterInfo");
        assertThat(NamedCommand.of("set_fast_poll", Map.of()).expectsReply()).isFalse();
        assertThat(written(NamedCommand.of("confirm_message", Map.of("Id", "<&>")))).contains("<Id>&lt;&amp;&gt;</Id>");
        assertThatThrownBy(() -> NamedCommand.of("get meter", Map.of())).hasMessageContaining("not a command name");
    }
}
