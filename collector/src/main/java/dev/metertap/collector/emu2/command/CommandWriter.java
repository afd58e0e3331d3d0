package dev.metertap.collector.emu2.command;

import java.nio.charset.StandardCharsets;

/** Writes a command as the device expects it: {@code <Command><Name>…</Name>…</Command>}, CRLF lines. */
public final class CommandWriter {

    private CommandWriter() {
    }

    public static byte[] toBytes(Emu2Command<?> command) {
        StringBuilder out = new StringBuilder(128);
        out.append("<Command>\r\n");
        element(out, "Name", command.name());
        command.meter().ifPresent(meter -> element(out, "MeterMacId", meter.toString()));
        for (Param param : command.parameters()) {
            element(out, param.name(), param.value());
        }
        out.append("</Command>\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void element(StringBuilder out, String name, String value) {
        out.append("  <").append(name).append('>');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c > 0xff ? '?' : c);
            }
        }
        out.append("</").append(name).append(">\r\n");
    }
}
