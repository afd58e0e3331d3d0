package dev.metertap.collector.emu2.command;

/** {@code restart}: Restarts the device; it answers with its start-up ConnectionStatus sequence, not a reply. */
public record Restart() implements Emu2Command<Void> {

    @Override
    public String name() {
        return "restart";
    }

    @Override
    public Class<Void> replyType() {
        return Void.class;
    }
}
