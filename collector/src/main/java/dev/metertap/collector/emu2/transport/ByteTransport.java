package dev.metertap.collector.emu2.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * The narrow seam to the hardware: moves bytes, knows nothing of XML. The same stack runs over a
 * serial port, a pseudo-terminal, TCP, or bytes in a unit test.
 */
public interface ByteTransport extends Closeable {

    /** Opens (again, after a close: a reconnect resolves the configured path anew). */
    void open() throws IOException;

    /**
     * Reads what has arrived, waiting a short while (at most a few hundred milliseconds) so the
     * caller can notice a shutdown.
     *
     * @return bytes read, 0 when nothing came in time, -1 at end of stream (unplugged, closed by peer)
     */
    int read(byte[] buffer) throws IOException;

    void write(byte[] bytes) throws IOException;

    /** Closes; safe to call more than once, and from another thread to end a blocked read. */
    @Override
    void close();

    /** Where it connects, for logs and messages. */
    String describe();
}
