package dev.metertap.simulator.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandReaderTest {

    private static List<ReceivedCommand> read(CommandReader reader, String text) {
        return reader.feed(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsTheReferenceCommand() {
        List<ReceivedCommand> got = read(new CommandReader(),
                "<Command><Name>get_instantaneous_demand</Name><MeterMacId>0x00135003004f5a6b</MeterMacId><Refresh>Y</Refresh></Command>");
        assertThat(got).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_instantaneous_demand");
            assertThat(c.number("MeterMacId")).hasValue(0x00135003004f5a6bL);
            assertThat(c.flag("Refresh", false)).isTrue();
        });
    }

    @Test
    void isLenientAboutCaseWhitespaceAndJunk() {
        String text = "\u0000garbage<x>\r\n< COMMAND >\n  <name> Get_Time </NAME>\n\t<refresh>n</Refresh>\n</command >"
                + "more junk</Command><command><NAME>set_schedule</name><Event>DEMAND</event><Frequency>0X1E</frequency></COMMAND>";
        List<ReceivedCommand> got = read(new CommandReader(), text);
        assertThat(got).extracting(ReceivedCommand::name).containsExactly("get_time", "set_schedule");
        assertThat(got.get(0).flag("Refresh", true)).isFalse();
        assertThat(got.get(1).param("event")).hasValue("DEMAND");
        assertThat(got.get(1).number("Frequency")).hasValue(30);
    }

    @Test
    void readsNumbersInHexEitherCaseOrDecimal() {
        assertThat(HostNumber.parse("0x1f")).hasValue(31);
        assertThat(HostNumber.parse("0X1F")).hasValue(31);
        assertThat(HostNumber.parse(" 31 ")).hasValue(31);
        assertThat(HostNumber.parse("0xffffffffffffffff")).hasValue(-1L);
        assertThat(HostNumber.parse("0x1ffffffffffffffff")).isEmpty();
        assertThat(HostNumber.parse("twelve")).isEmpty();
        assertThat(HostNumber.parse("0x")).isEmpty();
    }

    @Test
    void toleratesAnyChunking() {
        String text = "<Command><Name>get_device_info</Name></Command>\n<command><name>restart</name></command>";
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        CommandReader reader = new CommandReader();
        List<String> names = new ArrayList<>();
        for (byte b : bytes) {
            reader.feed(new byte[]{b}).forEach(c -> names.add(c.name()));
        }
        assertThat(names).containsExactly("get_device_info", "restart");
    }

    @Test
    void dropsAnOverlongCommandAndResynchronises() {
        CommandReader reader = new CommandReader();
        String huge = "<Command><Name>get_time</Name><Junk>" + "x".repeat(CommandReader.MAX_COMMAND_CHARS * 3);
        assertThat(read(reader, huge)).isEmpty();
        assertThat(read(reader, "</Junk></Command><Command><Name>get_message</Name></Command>"))
                .extracting(ReceivedCommand::name).containsExactly("get_message");
        assertThat(reader.discarded()).isGreaterThan(CommandReader.MAX_COMMAND_CHARS);
    }

    @Test
    void keepsNoMoreThanABoundedBufferOfJunk() {
        CommandReader reader = new CommandReader();
        for (int i = 0; i < 1000; i++) {
            assertThat(read(reader, "<<<>>>garbage without commands " + i)).isEmpty();
        }
        assertThat(read(reader, "<Command><Name>get_time</Name></Command>")).hasSize(1);
    }

    @Test
    void anUnfinishedCommandGivesWayToTheNextOne() {
        assertThat(read(new CommandReader(), "<Command><Name>restart</Name><Command><Name>get_time</Name></Command>"))
                .extracting(ReceivedCommand::name).containsExactly("get_time");
    }

    @Test
    void aCommandWithoutANameHasAnEmptyName() {
        assertThat(read(new CommandReader(), "<Command><Refresh>Y</Refresh></Command>"))
                .singleElement().extracting(ReceivedCommand::name).isEqualTo("");
    }
}
