package dev.metertap.simulator.endpoint;

import java.io.IOException;

/** One way out of the device: a pty, a TCP server, stdio. Explicit start and close; no thread before start. */
public interface Endpoint extends AutoCloseable {

    void start() throws IOException;

    /** Queues bytes for every reader of this endpoint; never blocks. */
    void send(byte[] bytes);

    /** The port disappears (readers see end-of-file or a closed connection). */
    void unplug();

    /** The port is back, at the same path or address. */
    void replug();

    /** Bytes queued but not yet handed to the operating system. */
    long pendingBytes();

    /** Waits until the bytes queued so far have been handed to the operating system; false if not by the deadline. */
    boolean awaitWritten(long deadlineNanos) throws InterruptedException;

    @Override
    void close();
}
