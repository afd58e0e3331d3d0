package dev.metertap.collector.emu2.session;

/** The device answered {@code Unknown command}: retrying will not help. */
public final class UnknownCommandException extends Exception {

    public UnknownCommandException(String command) {
        super("the device does not know the command " + command);
    }
}
