package dev.metertap.collector.store;

/** The embedded store could not be opened, read or written (disk full, corrupt file, locked…). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
