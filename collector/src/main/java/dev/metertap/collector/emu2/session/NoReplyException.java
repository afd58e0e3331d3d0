package dev.metertap.collector.emu2.session;

/** The device did not answer a command in any of its attempts (replies go missing, or get cut). */
public final class NoReplyException extends Exception {

    public NoReplyException(String command, int attempts) {
        super("no reply to " + command + " after " + attempts + (attempts == 1 ? " attempt" : " attempts"));
    }

    public NoReplyException(String command, String why) {
        super("no reply to " + command + ": " + why);
    }
}
