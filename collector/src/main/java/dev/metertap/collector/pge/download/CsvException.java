package dev.metertap.collector.pge.download;

import java.io.IOException;

/** A Download My Data CSV that cannot be imported: an unknown layout, a bad line, or one beyond the bounds. */
public final class CsvException extends IOException {

    private final String reason;

    public CsvException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** Why the file was refused, in plain words (with the line number when one line is at fault). */
    public String reason() {
        return reason;
    }
}
