package dev.metertap.collector.sink;

/**
 * A batch was not delivered. Retryable: the destination is down, overloaded or slow (5xx, 429,
 * timeouts, refused connections). Not retryable: it refused the request (bad token, missing
 * database or bucket, malformed points), and sending it again would fail the same way.
 */
public final class SinkException extends Exception {

    private final boolean retryable;

    public SinkException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public SinkException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
