package dev.metertap.collector.emu2.wire;

/** A warning from the device, such as {@code Unknown command}. */
public record Warning(String text) implements Emu2Message {

    public boolean isUnknownCommand() {
        return text.strip().equalsIgnoreCase("Unknown command");
    }

    @Override
    public String rootName() {
        return "Warning";
    }
}
