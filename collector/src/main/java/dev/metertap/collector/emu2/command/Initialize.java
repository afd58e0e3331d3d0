package dev.metertap.collector.emu2.command;

/** {@code initialize}: Asks the device to initialise (reportedly not implemented; no reply). */
public record Initialize() implements Emu2Command<Void> {

    @Override
    public String name() {
        return "initialize";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }
}
