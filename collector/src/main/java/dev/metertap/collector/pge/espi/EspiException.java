package dev.metertap.collector.pge.espi;

import java.io.IOException;

/**
 * A Green Button (ESPI) document that cannot be read meaningfully: hostile, oversized, not XML, or missing what
 * gives its numbers a meaning. The reason is written for a person and never quotes secrets or expanded entities.
 */
public final class EspiException extends IOException {

    private final String reason;

    public EspiException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public EspiException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** Why the document was refused, in plain words. */
    public String reason() {
        return reason;
    }
}
