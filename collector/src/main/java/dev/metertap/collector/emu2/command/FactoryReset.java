package dev.metertap.collector.emu2.command;

/** {@code factory_reset}: Decommissions and restarts the device. */
public record FactoryReset() implements Emu2Command<Void> {

    @Override
    public String name() {
        return "factory_reset";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }
}
