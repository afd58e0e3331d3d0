package dev.metertap.collector.pge.backfill;

/** A backfill cannot go on (PG&E refuses us, nothing to ask for); the message says why in plain words. */
public final class BackfillException extends RuntimeException {

    public BackfillException(String message) {
        super(message);
    }

    public BackfillException(String message, Throwable cause) {
        super(message, cause);
    }
}
