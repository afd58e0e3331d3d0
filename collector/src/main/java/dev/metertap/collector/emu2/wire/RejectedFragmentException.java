package dev.metertap.collector.emu2.wire;

/**
 * A well-formed fragment that cannot be meaningful (a required child missing, bad hex, a value out
 * of range). Rejected whole, never half-accepted. Carries no stack trace: rejections are routine.
 */
public final class RejectedFragmentException extends Exception {

    private final String root;

    public RejectedFragmentException(String root, String reason) {
        super(reason, null, false, false);
        this.root = root;
    }

    /** The fragment's root element. */
    public String root() {
        return root;
    }

    /** Why it was rejected, in a few words. */
    public String reason() {
        return getMessage();
    }

    /** The reason without the offending value, for counting ("Demand is not hex"). */
    public String category() {
        int colon = getMessage().indexOf(':');
        return colon < 0 ? getMessage() : getMessage().substring(0, colon);
    }
}
