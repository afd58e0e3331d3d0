package dev.metertap.collector.emu2.wire;

/** An {@code Error} report from the device (named so as not to hide {@code java.lang.Error}). */
public record DeviceError(String text) implements Emu2Message {

    @Override
    public String rootName() {
        return "Error";
    }
}
