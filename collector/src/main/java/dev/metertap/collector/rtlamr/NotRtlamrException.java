package dev.metertap.collector.rtlamr;

/** A line that is not one of rtlamr's JSON messages; the message says why, in the user's words. */
public final class NotRtlamrException extends Exception {

    public NotRtlamrException(String message) {
        super(message, null, false, false);
    }
}
